using System.Globalization;

namespace Bench.Targets;

/// <summary>
/// A memory limit for a target's processes, as a cgroup (v1, memory controller) of its own, without swap: what a
/// container's --memory is, for a process, so `bench run --target-memory` holds every target, process or container,
/// to the same limit. Exceeding it is an OOM kill the kernel counts, so Bench can say why a target died.
/// </summary>
public sealed class MemoryLimit : IDisposable
{
    private const string Controller = "memory";

    private readonly Cgroup _cgroup;

    private MemoryLimit(Cgroup cgroup, long bytes)
    {
        _cgroup = cgroup;
        Bytes = bytes;
    }

    public long Bytes { get; }

    /// <summary>Whether limits can be set here: the cgroup v1 memory controller is mounted and writable (root).</summary>
    public static bool IsAvailable => Cgroup.IsAvailable(Controller, "memory.limit_in_bytes");

    /// <summary>OOM kills in the cgroup so far (the kernel's count in memory.oom_control; 0 when it is gone).</summary>
    public int OomKills
    {
        get
        {
            foreach (string line in (_cgroup.Read("memory.oom_control") ?? "").Split('\n'))
            {
                if (line.StartsWith("oom_kill ", StringComparison.Ordinal) && int.TryParse(line.AsSpan(9), CultureInfo.InvariantCulture, out int kills))
                {
                    return kills;
                }
            }

            return 0;
        }
    }

    /// <summary>A new, empty cgroup limited to <paramref name="bytes"/> of memory, swap included where the kernel accounts it.</summary>
    public static MemoryLimit Create(long bytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(bytes, 0);
        var cgroup = Cgroup.Create(Controller);
        try
        {
            cgroup.Write("memory.limit_in_bytes", bytes);
            if (File.Exists(Path.Combine(cgroup.Directory, "memory.memsw.limit_in_bytes")))
            {
                cgroup.Write("memory.memsw.limit_in_bytes", bytes); // memory + swap = memory: no swap
            }
            else
            {
                cgroup.Write("memory.swappiness", 0);
            }

            return new MemoryLimit(cgroup, bytes);
        }
        catch
        {
            cgroup.Dispose();
            throw;
        }
    }

    /// <summary>Moves a process, with all its threads, under the limit; children it starts later inherit it.</summary>
    public void Add(int pid) => _cgroup.Add(pid);

    public void Dispose() => _cgroup.Dispose();
}
