namespace Bench.Launch.Cgroups;

/// <summary>
/// This host's cgroups as Bench can use them for a target's CPU quota and memory limit: for each controller, v1 where
/// v1 holds it (/sys/fs/cgroup/cpu, …/memory, as on this project's machine), else v2 (the unified hierarchy that
/// current distributions and hosted CI runners use; see <see cref="CgroupV2Placement"/>), else none, with the reason.
/// Found once, on first use, by trying: creating (and removing) a group is the only sure test of permission.
/// </summary>
public sealed class CgroupHost
{
    public const string DefaultRoot = "/sys/fs/cgroup";
    public const string CpuController = "cpu";
    public const string MemoryController = "memory";

    private static readonly Lazy<CgroupHost> s_system = new(() => new CgroupHost(DefaultRoot, "/proc", CgroupFiles.Kernel));

    private readonly string _proc;
    private readonly Lazy<(CgroupAccess Cpu, CgroupAccess Memory)> _access;

    internal CgroupHost(string root, string proc, ICgroupFiles files)
    {
        Root = root;
        _proc = proc;
        Files = files;
        _access = new(Find);
    }

    /// <summary>The machine's own: /sys/fs/cgroup and /proc.</summary>
    public static CgroupHost System => s_system.Value;

    public string Root { get; }

    public CgroupAccess Cpu => _access.Value.Cpu;

    public CgroupAccess Memory => _access.Value.Memory;

    internal ICgroupFiles Files { get; }

    /// <summary>"v1", "v2" or "v1+v2": what the groups for <paramref name="cpu"/> and <paramref name="memory"/> would use; null for neither.</summary>
    public string? Describe(bool cpu, bool memory)
    {
        var versions = new[] { cpu ? Cpu.Version : null, memory ? Memory.Version : null }.OfType<CgroupVersion>().Distinct().Order().ToArray();
        return versions.Length == 0 ? null : string.Join('+', versions.Select(v => v == CgroupVersion.V1 ? "v1" : "v2"));
    }

    internal Cgroup CreateGroup(CgroupAccess access) => Cgroup.Create(access, Files, ProcessExists);

    internal bool ProcessExists(int pid) => Files.Exists(Path.Combine(_proc, pid.ToString(global::System.Globalization.CultureInfo.InvariantCulture)));

    private (CgroupAccess Cpu, CgroupAccess Memory) Find()
    {
        var cpu = V1(CpuController, "cpu.cfs_quota_us");
        var memory = V1(MemoryController, "memory.limit_in_bytes");
        string[] onV2 = new[] { cpu is null ? CpuController : null, memory is null ? MemoryController : null }.OfType<string>().ToArray();
        IReadOnlyList<CgroupAccess>? v2 = null;
        CgroupAccess FromV2(string controller)
        {
            v2 ??= CgroupV2Placement.Mount(Files, Root) is { } mount
                ? CgroupV2Placement.Find(Files, mount, Files.Read(Path.Combine(_proc, "self", "cgroup")), onV2)
                : onV2.Select(c => CgroupAccess.Unavailable(c, $"no cgroup file system at {Root} (neither a v1 {c} controller nor cgroup v2)")).ToArray();
            return v2.Single(a => a.Controller == controller);
        }

        return (cpu ?? FromV2(CpuController), memory ?? FromV2(MemoryController));
    }

    /// <summary>Null when v1 does not hold <paramref name="controller"/>; else where its groups go, or why they cannot.</summary>
    private CgroupAccess? V1(string controller, string file)
    {
        string root = Path.Combine(Root, controller);
        if (!Files.Exists(Path.Combine(root, file)))
        {
            return null;
        }

        string probe = Path.Combine(root, $"{Cgroup.Prefix}{Environment.ProcessId}-probe");
        try
        {
            Files.CreateDirectory(probe);
            Files.DeleteDirectory(probe);
            return CgroupAccess.Available(controller, CgroupVersion.V1, root, root);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return CgroupAccess.Unavailable(controller,
                $"cgroup v1: cannot create a group in {root} ({e.Message.TrimEnd('.')}); it needs root and /sys/fs/cgroup mounted read-write");
        }
    }
}
