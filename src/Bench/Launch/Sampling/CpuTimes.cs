namespace Bench.Launch.Sampling;

/// <summary>
/// One CPU's line of /proc/stat: time spent in each state since boot, in clock ticks. Guest time is already counted in
/// user and nice, so it is left out of <see cref="Total"/>.
/// </summary>
public sealed record CpuTimes(int Cpu, long User, long Nice, long System, long Idle, long IoWait, long Irq, long SoftIrq, long Steal)
{
    /// <summary>Every tick of the CPU, steal included: the window as this CPU saw it.</summary>
    public long Total => User + Nice + System + Idle + IoWait + Irq + SoftIrq + Steal;

    /// <summary>
    /// Ticks processes ran on it (user, nice, system). Interrupt and softirq time is left out: on loopback it is mostly
    /// the network stack working for the measured target and generator, charged to no process (measured here: about
    /// 20 % of the target's core for a Python asyncio target at 64 connections), so counting it would call every fast
    /// level noisy.
    /// </summary>
    public long Busy => User + Nice + System;

    /// <summary>The per-CPU lines ("cpu0 …", not the "cpu" total) of /proc/stat, by CPU number; lines it cannot read are skipped.</summary>
    public static IReadOnlyDictionary<int, CpuTimes> Parse(string procStat)
    {
        var cpus = new Dictionary<int, CpuTimes>();
        foreach (var line in procStat.AsSpan().EnumerateLines())
        {
            if (!line.StartsWith("cpu") || line.Length < 4 || !char.IsAsciiDigit(line[3]))
            {
                continue;
            }

            var fields = line.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            // Older kernels stop before steal (field 8): such a CPU has none to report.
            var numbers = new long[8];
            bool ok = int.TryParse(fields[0].AsSpan(3), out int cpu) && fields.Length >= 5;
            for (int i = 0; ok && i < numbers.Length && i + 1 < fields.Length; i++)
            {
                ok = long.TryParse(fields[i + 1], out numbers[i]);
            }

            if (ok)
            {
                cpus[cpu] = new CpuTimes(cpu, numbers[0], numbers[1], numbers[2], numbers[3], numbers[4], numbers[5], numbers[6], numbers[7]);
            }
        }

        return cpus;
    }

    /// <summary>What this CPU did between <paramref name="earlier"/> and this reading.</summary>
    public CpuTimes Since(CpuTimes earlier) => new(
        Cpu, User - earlier.User, Nice - earlier.Nice, System - earlier.System, Idle - earlier.Idle,
        IoWait - earlier.IoWait, Irq - earlier.Irq, SoftIrq - earlier.SoftIrq, Steal - earlier.Steal);
}
