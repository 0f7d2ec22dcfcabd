namespace Bench.Gates.Syntax;

/// <summary>The names gates use for metrics (docs/gates.md), their units, and which direction is a regression.</summary>
public static class GateMetrics
{
    public static IReadOnlyList<GateMetric> All { get; } = Enum.GetValues<GateMetric>();

    public static string Names { get; } = string.Join(", ", All.Select(Name));

    public static string Name(GateMetric metric) => metric switch
    {
        GateMetric.Throughput => "throughput",
        GateMetric.Mean => "mean",
        GateMetric.P50 => "p50",
        GateMetric.P90 => "p90",
        GateMetric.P99 => "p99",
        GateMetric.P999 => "p999",
        GateMetric.Max => "max",
        GateMetric.ErrorRate => "errorRate",
        GateMetric.CpuMsPerRequest => "cpuMsPerRequest",
        GateMetric.PeakRss => "peakRss",
        GateMetric.StarvedConnections => "starvedConnections",
        GateMetric.Fairness => "fairness",
        GateMetric.VsPrediction => "vsPrediction",
        _ => throw new ArgumentOutOfRangeException(nameof(metric)),
    };

    public static MetricUnit Unit(GateMetric metric) => metric switch
    {
        GateMetric.Throughput => MetricUnit.RequestsPerSecond,
        GateMetric.ErrorRate or GateMetric.StarvedConnections or GateMetric.Fairness => MetricUnit.Fraction,
        GateMetric.PeakRss => MetricUnit.Bytes,
        GateMetric.VsPrediction => MetricUnit.Ratio,
        _ => MetricUnit.Milliseconds,
    };

    /// <summary>Throughput and fairness are better higher; every other metric (latency, errors, starvation, cost) is better lower.</summary>
    public static bool HigherIsBetter(GateMetric metric) => metric is GateMetric.Throughput or GateMetric.Fairness;

    /// <summary>Names are case-sensitive, as documented; <paramref name="near"/> is the metric meant when only the case is off.</summary>
    public static bool TryParse(string name, out GateMetric metric, out GateMetric? near)
    {
        near = null;
        foreach (var candidate in All)
        {
            if (Name(candidate) == name)
            {
                metric = candidate;
                return true;
            }

            if (string.Equals(Name(candidate), name, StringComparison.OrdinalIgnoreCase))
            {
                near = candidate;
            }
        }

        metric = default;
        return false;
    }
}
