namespace Bench.Launch.Cgroups;

/// <summary>
/// The groups one target's processes run in for its CPU quota and memory limit: one per controller on v1, one for
/// both on v2 (where a process is in exactly one group), one of each when v1 holds one controller and v2 the other.
/// </summary>
internal sealed class TargetCgroups : IDisposable
{
    private readonly List<Cgroup> _groups;
    private readonly Cgroup? _memory;

    private TargetCgroups(List<Cgroup> groups, Cgroup? memory, long? memoryLimitBytes)
    {
        _groups = groups;
        _memory = memory;
        MemoryLimitBytes = memoryLimitBytes;
    }

    public long? MemoryLimitBytes { get; }

    /// <summary>OOM kills the kernel counted in the memory group (0 without a memory limit).</summary>
    public int OomKills => _memory is null ? 0 : MemoryLimit.OomKills(_memory);

    public IReadOnlyList<string> Directories => _groups.Select(g => g.Directory).ToArray();

    /// <summary>
    /// New, empty groups with <paramref name="cores"/> and <paramref name="memoryBytes"/> set; an IOException with the
    /// host's one-line reason when a controller cannot be used here.
    /// </summary>
    public static TargetCgroups Create(CgroupHost host, double? cores, long? memoryBytes)
    {
        var groups = new List<Cgroup>();
        try
        {
            Cgroup? cpu = null;
            if (cores is { } c)
            {
                cpu = host.CreateGroup(host.Cpu);
                groups.Add(cpu);
                CpuQuota.Apply(cpu, c);
            }

            Cgroup? memory = null;
            if (memoryBytes is { } bytes)
            {
                var access = host.Memory;
                if (cpu is { Version: CgroupVersion.V2 } && access.Version == CgroupVersion.V2)
                {
                    memory = cpu;
                }
                else
                {
                    memory = host.CreateGroup(access);
                    groups.Add(memory);
                }

                MemoryLimit.Apply(memory, bytes);
            }

            return new TargetCgroups(groups, memory, memoryBytes);
        }
        catch
        {
            groups.ForEach(g => g.Dispose());
            throw;
        }
    }

    /// <summary>Moves a process, with all its threads, into every group; children it starts later inherit them.</summary>
    public void Add(int pid) => _groups.ForEach(g => g.Add(pid));

    public void Dispose() => _groups.ForEach(g => g.Dispose());
}
