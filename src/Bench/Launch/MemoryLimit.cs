using System.Globalization;
using Bench.Launch.Cgroups;

namespace Bench.Launch;

/// <summary>
/// A memory limit for a target's processes, in a cgroup of its own, without swap (v1: memory.limit_in_bytes and
/// memory.memsw.limit_in_bytes; v2: memory.max and memory.swap.max 0): what a container's --memory is, for a process,
/// so `bench run --target-memory` holds every target, process or container, to the same limit. Exceeding it is an OOM
/// kill the kernel counts (v1: memory.oom_control, v2: memory.events), so Bench can say why a target died.
/// </summary>
public static class MemoryLimit
{
    /// <summary>Whether limits can be set here (a writable memory controller, v1 or v2); <see cref="CgroupHost.Memory"/> says why not.</summary>
    public static bool IsAvailable => CgroupHost.System.Memory.IsAvailable;

    /// <summary>Limits <paramref name="group"/> to <paramref name="bytes"/> of memory, swap included where the kernel accounts it.</summary>
    internal static void Apply(Cgroup group, long bytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(bytes, 0);
        if (group.Version == CgroupVersion.V2)
        {
            group.Write("memory.max", bytes);
            if (group.Has("memory.swap.max")) // absent when the kernel does not account swap
            {
                group.Write("memory.swap.max", 0);
            }

            return;
        }

        group.Write("memory.limit_in_bytes", bytes);
        if (group.Has("memory.memsw.limit_in_bytes"))
        {
            group.Write("memory.memsw.limit_in_bytes", bytes); // memory + swap = memory: no swap
        }
        else
        {
            group.Write("memory.swappiness", 0);
        }
    }

    /// <summary>OOM kills in the group so far: the kernel's "oom_kill N" line (v1 memory.oom_control, v2 memory.events); 0 when it is gone.</summary>
    internal static int OomKills(Cgroup group)
    {
        string file = group.Version == CgroupVersion.V2 ? "memory.events" : "memory.oom_control";
        foreach (string line in (group.Read(file) ?? "").Split('\n'))
        {
            if (line.StartsWith("oom_kill ", StringComparison.Ordinal) && int.TryParse(line.AsSpan(9), CultureInfo.InvariantCulture, out int kills))
            {
                return kills;
            }
        }

        return 0;
    }
}
