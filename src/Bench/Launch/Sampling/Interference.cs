using System.Globalization;
using System.Text.Json.Serialization;

namespace Bench.Launch.Sampling;

/// <summary>
/// What the machine took from the measured cores during a level's window, as shares of the cores' time (0–1):
/// <paramref name="StealShare"/> is time the hypervisor gave to another tenant (/proc/stat's steal);
/// <paramref name="OtherShare"/> is time the cores ran anything that is neither the target nor Bench — an honest
/// approximation: the cores' busy time from /proc/stat minus the target's and Bench's own CPU over the window (so a
/// docker target's engine and shim count as other, and a target or Bench thread running off these cores makes it an
/// underestimate).
/// </summary>
/// <param name="Cpus">The cores looked at: the target's and the generator's (every core where one is unpinned).</param>
public sealed record Interference(IReadOnlyList<int> Cpus, double StealShare, double OtherShare)
{
    /// <summary>Above this share of the cores' time taken by steal plus other work, a level's numbers are called noisy.</summary>
    public const double NoisyThreshold = 0.05;

    /// <summary>Steal and other work together.</summary>
    [JsonIgnore]
    public double Share => StealShare + OtherShare;

    [JsonIgnore]
    public bool IsNoisy => Share > NoisyThreshold;

    /// <summary>
    /// The arithmetic between two readings of /proc/stat: per core the change of each state, summed over
    /// <paramref name="cpus"/>; the target's and Bench's CPU seconds are taken out of the busy time (never below 0).
    /// Null when a core is missing from a reading or no time passed.
    /// </summary>
    public static Interference? Between(
        IReadOnlyDictionary<int, CpuTimes> first, IReadOnlyDictionary<int, CpuTimes> last, IReadOnlyList<int> cpus,
        double targetCpuSeconds, double benchCpuSeconds, double ticksPerSecond)
    {
        long total = 0, busy = 0, steal = 0;
        foreach (int cpu in cpus)
        {
            if (!first.TryGetValue(cpu, out var a) || !last.TryGetValue(cpu, out var b))
            {
                return null;
            }

            var window = b.Since(a);
            total += window.Total;
            busy += window.Busy;
            steal += window.Steal;
        }

        if (total <= 0)
        {
            return null;
        }

        double other = busy - ((targetCpuSeconds + benchCpuSeconds) * ticksPerSecond);
        return new Interference(cpus, (double)steal / total, Math.Max(0, other) / total);
    }

    /// <summary>
    /// "noisy: …" for a cell whose repeats include a noisy one (the worst is named), else null: the note the report,
    /// `bench compare` and a gate show beside its numbers.
    /// </summary>
    public static string? NoteFor(IEnumerable<Interference?> repeats)
    {
        var worst = repeats.OfType<Interference>().Where(i => i.IsNoisy).MaxBy(i => i.Share);
        return worst is null ? null : string.Create(CultureInfo.InvariantCulture,
            $"noisy: {worst.Share * 100:0.#}% of cores {string.Join(",", worst.Cpus)} taken by other work (steal {worst.StealShare * 100:0.#}%, other processes {worst.OtherShare * 100:0.#}%)");
    }
}
