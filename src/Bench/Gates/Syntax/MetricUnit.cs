namespace Bench.Gates.Syntax;

/// <summary>The unit a metric is kept in (as in results.json), which decides how its thresholds are written and shown.</summary>
public enum MetricUnit
{
    RequestsPerSecond,
    Milliseconds,

    /// <summary>0 to 1; written and shown as a percentage.</summary>
    Fraction,
    Bytes,

    /// <summary>A plain number without a unit: a measurement divided by what was predicted for it.</summary>
    Ratio,
}
