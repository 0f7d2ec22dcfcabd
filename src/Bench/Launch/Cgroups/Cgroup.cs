using System.Globalization;

namespace Bench.Launch.Cgroups;

/// <summary>
/// One group of Bench's own for a target's processes, bench-&lt;pid&gt;-&lt;n&gt; under the parent its
/// <see cref="CgroupAccess"/> chose: in v1 one per controller (/sys/fs/cgroup/cpu/bench-…), in v2 one for every
/// controller. Named after the Bench process that made it, so a later Bench can remove the ones a killed Bench left.
/// </summary>
internal sealed class Cgroup : IDisposable
{
    public const string Prefix = "bench-";

    private static int s_sequence;

    private readonly ICgroupFiles _files;
    private readonly string _home;

    private Cgroup(ICgroupFiles files, CgroupVersion version, string directory, string home)
    {
        _files = files;
        Version = version;
        Directory = directory;
        _home = home;
    }

    public CgroupVersion Version { get; }

    public string Directory { get; }

    /// <summary>A new, empty group where <paramref name="access"/> says; the abandoned ones of gone Bench processes are removed first.</summary>
    public static Cgroup Create(CgroupAccess access, ICgroupFiles files, Func<int, bool> processExists)
    {
        if (access is not { Version: { } version, Parent: { } parent, Home: { } home })
        {
            throw new IOException(access.Reason ?? $"no cgroup for the {access.Controller} controller");
        }

        RemoveAbandoned(files, parent, processExists);
        string directory = Path.Combine(parent, $"{Prefix}{Environment.ProcessId}-{Interlocked.Increment(ref s_sequence)}");
        files.CreateDirectory(directory);
        return new Cgroup(files, version, directory, home);
    }

    /// <summary>Removes the empty groups of Bench processes that no longer exist (killed before they could clean up).</summary>
    public static void RemoveAbandoned(ICgroupFiles files, string parent, Func<int, bool> processExists)
    {
        foreach (string directory in files.Directories(parent, Prefix + "*"))
        {
            var parts = Path.GetFileName(directory).Split('-');
            if (parts.Length == 3 && int.TryParse(parts[1], CultureInfo.InvariantCulture, out int owner) && !processExists(owner))
            {
                try
                {
                    files.DeleteDirectory(directory); // fails, harmlessly, while a process is still in it
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                }
            }
        }
    }

    public bool Has(string file) => _files.Exists(Path.Combine(Directory, file));

    public void Write(string file, string text) => _files.Write(Path.Combine(Directory, file), text);

    public void Write(string file, long value) => Write(file, value.ToString(CultureInfo.InvariantCulture));

    /// <summary>The file's text, or null when it cannot be read (the group is gone).</summary>
    public string? Read(string file) => _files.Read(Path.Combine(Directory, file));

    /// <summary>Moves a process, with all its threads, into the group; children it starts later inherit it.</summary>
    public void Add(int pid) => Write("cgroup.procs", pid);

    /// <summary>Removes the group; anything still in it (it should not be) goes back home first (v1: the root, v2: Bench's own group).</summary>
    public void Dispose()
    {
        try
        {
            foreach (string pid in (Read("cgroup.procs") ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                _files.Write(Path.Combine(_home, "cgroup.procs"), pid);
            }

            _files.DeleteDirectory(Directory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Already gone, or a process exiting right now: the kernel frees an empty cgroup's memory anyway.
        }
    }
}
