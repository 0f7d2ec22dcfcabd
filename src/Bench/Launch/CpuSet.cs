using System.Globalization;

namespace Bench.Launch;

/// <summary>
/// A set of CPU cores in the kernel's list syntax ("0", "1-3", "0,2-3"), as taskset -c and
/// /proc/&lt;pid&gt;/status (Cpus_allowed_list) write it. <see cref="ToString"/> gives the canonical form.
/// </summary>
public sealed record CpuSet
{
    /// <summary>cpu_set_t holds 1024 CPUs.</summary>
    public const int MaxCores = 1024;

    private CpuSet(IReadOnlyList<int> cores) => Cores = cores;

    /// <summary>Sorted, without repeats.</summary>
    public IReadOnlyList<int> Cores { get; }

    public static CpuSet Of(params int[] cores) =>
        cores.Length > 0 && cores.All(c => c is >= 0 and < MaxCores)
            ? new CpuSet(cores.Distinct().Order().ToArray())
            : throw new ArgumentException($"cores must be 0–{MaxCores - 1}, at least one", nameof(cores));

    public static CpuSet Parse(string text) =>
        TryParse(text, out var set) ? set : throw new FormatException($"'{text}' is not a CPU list like 0, 1-3 or 0,2-3");

    public static bool TryParse(string text, out CpuSet set)
    {
        set = null!;
        var cores = new List<int>();
        foreach (string part in text.Trim().Split(','))
        {
            string[] range = part.Split('-');
            if (range.Length > 2
                || !int.TryParse(range[0], NumberStyles.None, CultureInfo.InvariantCulture, out int low)
                || !int.TryParse(range[^1], NumberStyles.None, CultureInfo.InvariantCulture, out int high)
                || low > high || high >= MaxCores)
            {
                return false;
            }

            cores.AddRange(Enumerable.Range(low, high - low + 1));
        }

        set = new CpuSet(cores.Distinct().Order().ToArray());
        return true;
    }

    public bool Equals(CpuSet? other) => other is not null && Cores.SequenceEqual(other.Cores);

    public override int GetHashCode() => ToString().GetHashCode(StringComparison.Ordinal);

    public override string ToString()
    {
        var parts = new List<string>();
        for (int i = 0; i < Cores.Count;)
        {
            int j = i;
            while (j + 1 < Cores.Count && Cores[j + 1] == Cores[j] + 1)
            {
                j++;
            }

            parts.Add(i == j ? $"{Cores[i]}" : $"{Cores[i]}-{Cores[j]}");
            i = j + 1;
        }

        return string.Join(',', parts);
    }
}
