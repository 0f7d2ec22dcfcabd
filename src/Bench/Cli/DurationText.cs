using System.Globalization;

namespace Bench.Cli;

/// <summary>Durations as people type them: <c>500ms</c>, <c>10s</c>, <c>2m</c>, <c>1h</c>, <c>1.5s</c>. The unit is required.</summary>
public static class DurationText
{
    private static readonly (string Unit, double Seconds)[] Units = [("ms", 0.001), ("us", 0.000001), ("s", 1), ("m", 60), ("h", 3600)];

    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        foreach (var (unit, seconds) in Units)
        {
            if (text.EndsWith(unit, StringComparison.Ordinal)
                && double.TryParse(text.AsSpan(0, text.Length - unit.Length), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double value)
                && value * seconds < TimeSpan.MaxValue.TotalSeconds)
            {
                duration = TimeSpan.FromSeconds(value * seconds);
                return true;
            }
        }

        return false;
    }

    public static string Describe(string option, string text) => $"{option}: '{text}' is not a duration (use a number and a unit: 500ms, 10s, 2m)";
}
