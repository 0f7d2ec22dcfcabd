using System.Globalization;
using Bench.Launch.Cgroups;

namespace Bench.Tests.Support;

/// <summary>
/// A stand-in for /sys/fs/cgroup (and the /proc Bench reads beside it) in a temporary folder, acting as the kernel's
/// cgroupfs does where a plain folder cannot: a new group gets its interface files (v2: those of the controllers its
/// parent enabled), writes go only to files that exist, a pid written to cgroup.procs leaves its old group, rmdir
/// refuses a group with processes or children, and v2's rules hold — "+cpu" in cgroup.subtree_control only for a
/// controller in cgroup.controllers and only while the group holds no processes (the root excepted), and no process
/// joins a group that enabled controllers for its children. A folder marked <see cref="Deny"/> is not delegated:
/// creating or writing in it is "access denied".
/// </summary>
public sealed class CgroupTree : IDisposable, ICgroupFiles
{
    private readonly string _base = Directory.CreateTempSubdirectory("bench-cgroup-").FullName;
    private readonly HashSet<string> _denied = new(StringComparer.Ordinal);

    private CgroupTree()
    {
        Directory.CreateDirectory(Root);
        Directory.CreateDirectory(Path.Combine(Proc, "self"));
    }

    public string Root => Path.Combine(_base, "sys", "fs", "cgroup");

    public string Proc => Path.Combine(_base, "proc");

    /// <summary>A v1 host: the cpu and memory controllers each mounted under the root, as on this project's machine.</summary>
    public static CgroupTree V1()
    {
        var tree = new CgroupTree();
        foreach (var (controller, files) in new[] { ("cpu", V1Files("cpu")), ("memory", V1Files("memory")) })
        {
            string root = Path.Combine(tree.Root, controller);
            Directory.CreateDirectory(root);
            foreach (var (name, text) in files.Append(("cgroup.procs", "")))
            {
                File.WriteAllText(Path.Combine(root, name), text);
            }
        }

        return tree;
    }

    /// <summary>A v2 host whose root offers <paramref name="controllers"/>, Bench in <paramref name="ownGroup"/> with <paramref name="others"/> beside it.</summary>
    public static CgroupTree V2(string ownGroup = "/user.slice/session-1.scope", string controllers = "cpuset cpu io memory pids", params int[] others)
    {
        var tree = new CgroupTree();
        File.WriteAllText(Path.Combine(tree.Root, "cgroup.controllers"), controllers);
        File.WriteAllText(Path.Combine(tree.Root, "cgroup.subtree_control"), "");
        File.WriteAllText(Path.Combine(tree.Root, "cgroup.procs"), "");
        string parent = tree.Root;
        foreach (string part in ownGroup.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            // Every group above Bench's passes every controller down, as systemd's slices do.
            File.WriteAllText(Path.Combine(parent, "cgroup.subtree_control"), parent == tree.Root ? controllers : File.ReadAllText(Path.Combine(parent, "cgroup.controllers")));
            parent = Path.Combine(parent, part);
            tree.CreateDirectory(parent);
        }

        foreach (int pid in others.Prepend(Environment.ProcessId))
        {
            tree.AddProcess(pid);
            tree.Write(Path.Combine(parent, "cgroup.procs"), pid.ToString(CultureInfo.InvariantCulture));
        }

        tree.SelfCgroup($"0::{ownGroup}\n");
        return tree;
    }

    /// <summary>An empty /sys/fs/cgroup: no cgroup file system at all.</summary>
    public static CgroupTree None() => new();

    public CgroupHost Host() => new(Root, Proc, this);

    public string At(params string[] parts) => Path.Combine([Root, .. parts.Select(p => p.TrimStart('/'))]);

    public void SelfCgroup(string text) => File.WriteAllText(Path.Combine(Proc, "self", "cgroup"), text);

    /// <summary>A process /proc knows of.</summary>
    public void AddProcess(int pid) => Directory.CreateDirectory(Path.Combine(Proc, pid.ToString(CultureInfo.InvariantCulture)));

    /// <summary>Marks <paramref name="directory"/> as not delegated to this user.</summary>
    public void Deny(string directory) => _denied.Add(directory);

    public string Text(params string[] parts) => File.ReadAllText(At(parts)).Trim();

    public string[] Pids(params string[] parts) => File.ReadAllText(Path.Combine(At(parts), "cgroup.procs")).Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public bool Exists(string path) => File.Exists(path) || Directory.Exists(path);

    public string? Read(string path) => File.Exists(path) ? File.ReadAllText(path) : null;

    public void Write(string path, string text)
    {
        string directory = Path.GetDirectoryName(path)!;
        Check(directory);
        if (!File.Exists(path))
        {
            throw new IOException($"Could not find file '{path}'.");
        }

        switch (Path.GetFileName(path))
        {
            case "cgroup.subtree_control":
                EnableControllers(directory, text);
                break;
            case "cgroup.procs":
                MoveProcess(directory, text.Trim());
                break;
            default:
                File.WriteAllText(path, text);
                break;
        }
    }

    public void CreateDirectory(string path)
    {
        Check(Path.GetDirectoryName(path)!);
        Directory.CreateDirectory(path);
        var files = new List<(string, string)> { ("cgroup.procs", "") };
        if (IsV2(path))
        {
            string enabled = File.ReadAllText(Path.Combine(Path.GetDirectoryName(path)!, "cgroup.subtree_control")).Trim();
            files.Add(("cgroup.controllers", enabled));
            files.Add(("cgroup.subtree_control", ""));
            foreach (string controller in Words(enabled))
            {
                files.AddRange(V2Files(controller));
            }
        }
        else
        {
            files.AddRange(V1Files(Path.GetRelativePath(Root, path).Split('/')[0]));
        }

        foreach (var (name, text) in files)
        {
            File.WriteAllText(Path.Combine(path, name), text);
        }
    }

    public void DeleteDirectory(string path)
    {
        Check(Path.GetDirectoryName(path)!);
        if (Directory.GetDirectories(path).Length > 0 || File.ReadAllText(Path.Combine(path, "cgroup.procs")).Trim().Length > 0)
        {
            throw new IOException("Device or resource busy");
        }

        Directory.Delete(path, recursive: true);
    }

    public IEnumerable<string> Directories(string path, string pattern) => Directory.Exists(path) ? Directory.GetDirectories(path, pattern) : [];

    /// <summary>The kernel's OOM killer struck <paramref name="kills"/> times in the group.</summary>
    public static void OomKills(string group, int kills)
    {
        string v2 = Path.Combine(group, "memory.events");
        File.WriteAllText(File.Exists(v2) ? v2 : Path.Combine(group, "memory.oom_control"), $"oom 1\noom_kill {kills}\n");
    }

    public void Dispose() => Directory.Delete(_base, recursive: true);

    private void EnableControllers(string directory, string text)
    {
        var available = Words(File.ReadAllText(Path.Combine(directory, "cgroup.controllers")));
        var enabled = Words(File.ReadAllText(Path.Combine(directory, "cgroup.subtree_control")));
        foreach (string word in Words(text))
        {
            string controller = word.TrimStart('+', '-');
            if (!available.Contains(controller))
            {
                throw new IOException("No such file or directory");
            }

            if (directory != Root && File.ReadAllText(Path.Combine(directory, "cgroup.procs")).Trim().Length > 0)
            {
                throw new IOException("Device or resource busy");
            }

            _ = word[0] == '-' ? enabled.Remove(controller) : enabled.Add(controller);
        }

        File.WriteAllText(Path.Combine(directory, "cgroup.subtree_control"), string.Join(' ', enabled));
    }

    private void MoveProcess(string directory, string pid)
    {
        if (!Directory.Exists(Path.Combine(Proc, pid)))
        {
            throw new IOException("No such process");
        }

        string subtree = Path.Combine(directory, "cgroup.subtree_control");
        if (IsV2(directory) && directory != Root && File.Exists(subtree) && File.ReadAllText(subtree).Trim().Length > 0)
        {
            throw new IOException("Device or resource busy"); // no internal processes
        }

        string hierarchy = IsV2(directory) ? Root : Path.Combine(Root, Path.GetRelativePath(Root, directory).Split('/')[0]);
        foreach (string procs in Directory.GetFiles(hierarchy, "cgroup.procs", SearchOption.AllDirectories))
        {
            File.WriteAllLines(procs, File.ReadAllLines(procs).Where(l => l.Trim() != pid));
        }

        File.AppendAllText(Path.Combine(directory, "cgroup.procs"), pid + "\n");
    }

    private void Check(string directory)
    {
        if (_denied.Contains(directory))
        {
            throw new UnauthorizedAccessException($"Access to the path '{directory}' is denied.");
        }
    }

    private bool IsV2(string path) => File.Exists(Path.Combine(Root, "cgroup.controllers")) && path.StartsWith(Root, StringComparison.Ordinal);

    private static HashSet<string> Words(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);

    private static (string, string)[] V1Files(string controller) => controller == "cpu"
        ? [("cpu.cfs_period_us", "100000"), ("cpu.cfs_quota_us", "-1")]
        : [("memory.limit_in_bytes", "9223372036854771712"), ("memory.memsw.limit_in_bytes", "9223372036854771712"), ("memory.oom_control", "oom_kill_disable 0\nunder_oom 0\noom_kill 0\n")];

    private static (string, string)[] V2Files(string controller) => controller switch
    {
        "cpu" => [("cpu.max", "max 100000"), ("cpu.weight", "100")],
        "memory" => [("memory.max", "max"), ("memory.swap.max", "max"), ("memory.events", "low 0\nhigh 0\nmax 0\noom 0\noom_kill 0\n")],
        _ => [],
    };
}
