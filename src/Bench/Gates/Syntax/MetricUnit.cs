namespace Bench.Gates.Syntax;

/// <summary>The unit a metric is kept in (as in results.json), which decides how its thresholds are written and shown.</summary>
public enum MetricUnit
{
    RequestsPerSecond,
    Milliseconds,

    /// <summary>0 to 1; written and shown as a percentage.</summary>
    Fraction,
    Bytes,
}
