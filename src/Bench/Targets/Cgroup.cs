using System.Globalization;

namespace Bench.Targets;

/// <summary>
/// A cgroup (v1) of Bench's own under one controller's root (/sys/fs/cgroup/&lt;controller&gt;/bench-&lt;pid&gt;-&lt;n&gt;), for a
/// target's processes: <see cref="CpuQuota"/> and <see cref="MemoryLimit"/> are each one. Named after the Bench
/// process that made it, so a later Bench can remove the ones a killed Bench left behind.
/// </summary>
internal sealed class Cgroup : IDisposable
{
    private const string Root = "/sys/fs/cgroup";

    private static int s_sequence;

    private readonly string _controllerRoot;

    private Cgroup(string controllerRoot, string directory)
    {
        _controllerRoot = controllerRoot;
        Directory = directory;
    }

    public string Directory { get; }

    /// <summary>Whether <paramref name="controller"/> is mounted with <paramref name="file"/> and writable here (root).</summary>
    public static bool IsAvailable(string controller, string file) =>
        File.Exists(Path.Combine(Root, controller, file)) && Environment.UserName == "root";

    /// <summary>A new, empty cgroup; the abandoned ones of gone Bench processes are removed first.</summary>
    public static Cgroup Create(string controller)
    {
        string controllerRoot = Path.Combine(Root, controller);
        RemoveAbandoned(controllerRoot);
        string directory = Path.Combine(controllerRoot, $"bench-{Environment.ProcessId}-{Interlocked.Increment(ref s_sequence)}");
        System.IO.Directory.CreateDirectory(directory);
        return new Cgroup(controllerRoot, directory);
    }

    /// <summary>Removes the empty cgroups of Bench processes that no longer exist (killed before they could clean up).</summary>
    public static void RemoveAbandoned(string controllerRoot)
    {
        foreach (string directory in System.IO.Directory.EnumerateDirectories(controllerRoot, "bench-*"))
        {
            var parts = Path.GetFileName(directory).Split('-');
            if (parts.Length == 3 && int.TryParse(parts[1], out int owner) && !System.IO.Directory.Exists($"/proc/{owner}"))
            {
                try
                {
                    System.IO.Directory.Delete(directory); // fails, harmlessly, while a process is still in it
                }
                catch (IOException)
                {
                }
            }
        }
    }

    public void Write(string file, long value) => File.WriteAllText(Path.Combine(Directory, file), value.ToString(CultureInfo.InvariantCulture));

    /// <summary>The file's text, or null when it cannot be read (the cgroup is gone).</summary>
    public string? Read(string file)
    {
        try
        {
            return File.ReadAllText(Path.Combine(Directory, file));
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Moves a process, with all its threads, into the cgroup; children it starts later inherit it.</summary>
    public void Add(int pid) => Write("cgroup.procs", pid);

    /// <summary>Removes the cgroup; anything still in it (it should not be) goes back to the root first.</summary>
    public void Dispose()
    {
        try
        {
            foreach (string pid in File.ReadAllLines(Path.Combine(Directory, "cgroup.procs")))
            {
                File.WriteAllText(Path.Combine(_controllerRoot, "cgroup.procs"), pid);
            }

            System.IO.Directory.Delete(Directory);
        }
        catch (IOException)
        {
            // Already gone, or a process exiting right now: the kernel frees an empty cgroup's memory anyway.
        }
    }
}
