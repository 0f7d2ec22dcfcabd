using System.Globalization;

namespace Bench.Gates.Syntax;

/// <summary>Values for people: requests/s, milliseconds, percentages and MiB, with as many digits as matter.</summary>
public static class MetricFormat
{
    public static string Value(MetricUnit unit, double value) => Number(Scaled(unit, value)) + Suffix(unit);

    public static string Value(GateMetric metric, double value) => Value(GateMetrics.Unit(metric), value);

    /// <summary>A mean and its spread in one unit: "3000 ± 90 req/s", "25.5 ± 1.2 ms", "1.2 ± 0.3%".</summary>
    public static string WithSpread(GateMetric metric, double mean, double spread)
    {
        var unit = GateMetrics.Unit(metric);
        return $"{Number(Scaled(unit, mean))} ± {Value(unit, spread)}";
    }

    /// <summary>The shortest readable form, for tables that must fit a terminal: 12.3k/s, 950/s, 4.1ms, 2.15s, 0.3%, 48MiB.</summary>
    public static string Compact(GateMetric metric, double value) => GateMetrics.Unit(metric) switch
    {
        MetricUnit.RequestsPerSecond => Math.Abs(value) >= 1000 ? Number(value / 1000) + "k/s" : Number(value) + "/s",
        MetricUnit.Milliseconds => Math.Abs(value) >= 1000 ? Number(value / 1000) + "s" : Number(value) + "ms",
        var unit => Value(unit, value).Replace(" ", "", StringComparison.Ordinal),
    };

    /// <summary>Three significant digits or more: 20512, 812.3, 4.21, 0.0125.</summary>
    public static string Number(double value) =>
        double.IsPositiveInfinity(value) ? "∞"
        : double.IsNegativeInfinity(value) ? "-∞"
        : double.IsNaN(value) ? "n/a"
        : value.ToString(Math.Abs(value) >= 100 ? "0" : Math.Abs(value) >= 10 ? "0.#" : Math.Abs(value) >= 1 ? "0.##" : "0.####", CultureInfo.InvariantCulture);

    /// <summary>A signed percentage of a fraction: +12.5%, -3%.</summary>
    public static string Percent(double fraction) =>
        double.IsInfinity(fraction) || double.IsNaN(fraction) ? Number(fraction) : (fraction >= 0 ? "+" : "") + Number(fraction * 100) + "%";

    private static double Scaled(MetricUnit unit, double value) => unit switch
    {
        MetricUnit.Fraction => value * 100,
        MetricUnit.Bytes => value / (1024 * 1024),
        _ => value,
    };

    private static string Suffix(MetricUnit unit) => unit switch
    {
        MetricUnit.RequestsPerSecond => " req/s",
        MetricUnit.Milliseconds => " ms",
        MetricUnit.Fraction => "%",
        MetricUnit.Ratio => "",
        _ => " MiB",
    };
}
