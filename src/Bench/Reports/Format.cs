using System.Globalization;

namespace Bench.Reports;

/// <summary>Numbers as the report prints them: invariant, rounded to what the measurement can tell.</summary>
internal static class Format
{
    /// <summary>Axis ticks: 0.05, 2, 250, 1k, 2.5M.</summary>
    public static string Number(double value) => Math.Abs(value) switch
    {
        >= 1e6 => (value / 1e6).ToString("0.#", CultureInfo.InvariantCulture) + "M",
        >= 1e3 => (value / 1e3).ToString("0.#", CultureInfo.InvariantCulture) + "k",
        >= 1 => value.ToString("0.##", CultureInfo.InvariantCulture),
        _ => value.ToString("0.####", CultureInfo.InvariantCulture),
    };

    /// <summary>Requests per second: whole numbers with thousands separators, one decimal below 100.</summary>
    public static string Rps(double value) => value.ToString(value >= 100 ? "#,0" : "0.#", CultureInfo.InvariantCulture);

    /// <summary>Milliseconds to three significant digits or so.</summary>
    public static string Ms(double value) => value.ToString(value >= 100 ? "#,0" : value >= 10 ? "0.#" : value >= 1 ? "0.##" : "0.###", CultureInfo.InvariantCulture);

    /// <summary>A share (0.25) as a percentage ("25 %"), with a decimal under 10 %.</summary>
    public static string Percent(double share) => (share * 100).ToString(share < 0.1 ? "0.#" : "0", CultureInfo.InvariantCulture) + " %";

    public static string Fixed(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
