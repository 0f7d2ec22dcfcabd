using System.Globalization;
using System.Text.RegularExpressions;

namespace Bench.Gates.Syntax;

/// <summary>
/// Thresholds as gates write them, converted to the unit results.json keeps: milliseconds (<c>5ms</c>, <c>0.2s</c>,
/// <c>500us</c>, a bare number), rates (<c>0.1%</c> or a fraction), sizes (<c>200MB</c>, <c>1.5GiB</c>), plain numbers.
/// </summary>
public static partial class GateValues
{
    public const string PercentExpected = "a percentage like 10%";
    public const string RatioExpected = "a plain number like 10 (a ratio has no unit)";

    public static string Expected(MetricUnit unit) => unit switch
    {
        MetricUnit.RequestsPerSecond => "a number of requests per second like 20000 (no unit)",
        MetricUnit.Milliseconds => "a time like 5ms, 0.2s or 500us (a bare number is milliseconds)",
        MetricUnit.Fraction => "a rate like 0.1% (or a fraction from 0 to 1)",
        MetricUnit.Ratio => RatioExpected,
        _ => "a size like 200MB, 512MiB or 1.5GB",
    };

    public static bool TryParse(string text, MetricUnit unit, out double value)
    {
        value = 0;
        if (!TrySplit(text, out double n, out string suffix))
        {
            return false;
        }

        double? scale = unit switch
        {
            MetricUnit.RequestsPerSecond => suffix == "" ? 1 : null,
            MetricUnit.Milliseconds => suffix switch { "" or "ms" => 1, "s" => 1000, "us" or "µs" => 0.001, _ => null },
            MetricUnit.Fraction => suffix switch { "%" when n <= 100 => 0.01, "" when n <= 1 => 1, _ => null },
            MetricUnit.Ratio => suffix == "" ? 1 : null,
            _ => suffix switch
            {
                "KB" => 1e3, "MB" => 1e6, "GB" => 1e9,
                "KiB" => 1024, "MiB" => 1024 * 1024, "GiB" => 1024.0 * 1024 * 1024,
                _ => null,
            },
        };
        value = n * (scale ?? 0);
        return scale is not null;
    }

    /// <summary>A percentage, as a fraction: <c>10%</c> → 0.1.</summary>
    public static bool TryParsePercent(string text, out double fraction)
    {
        bool ok = TrySplit(text, out double n, out string suffix) && suffix == "%";
        fraction = ok ? n / 100 : 0;
        return ok;
    }

    public static bool TryParseRatio(string text, out double value) =>
        TrySplit(text, out value, out string suffix) && suffix == "";

    private static bool TrySplit(string text, out double number, out string suffix)
    {
        var match = Pattern().Match(text);
        suffix = match.Groups["unit"].Value;
        number = 0;
        return match.Success && double.TryParse(match.Groups["n"].ValueSpan, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out number);
    }

    [GeneratedRegex(@"^(?<n>\d+(?:\.\d+)?)(?<unit>[A-Za-zµ%]*)$")]
    private static partial Regex Pattern();
}
