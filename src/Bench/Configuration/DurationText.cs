using System.Globalization;
using System.Text.RegularExpressions;

namespace Bench.Configuration;

/// <summary>
/// Durations as people write them, in Bench's files and on its command line alike: <c>250us</c>, <c>500ms</c>, <c>2s</c>,
/// <c>1.5s</c>, <c>1m</c>, <c>1h</c>, or <c>0</c>. The unit is required; at most a day.
/// </summary>
public static partial class DurationText
{
    public const string Example = "a duration like 500ms, 2s or 1m";

    /// <summary>The one-line error for a command-line option that is not a duration.</summary>
    public static string Describe(string option, string text) => $"{option}: '{text}' is not a duration (use a number and a unit: 500ms, 10s, 2m)";

    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (text == "0")
        {
            return true;
        }

        var match = Pattern().Match(text);
        if (!match.Success || !double.TryParse(match.Groups["n"].ValueSpan, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double n))
        {
            return false;
        }

        double ms = match.Groups["unit"].Value switch
        {
            "us" => n / 1000,
            "ms" => n,
            "s" => n * 1000,
            "m" => n * 60_000,
            _ => n * 3_600_000,
        };
        if (ms > TimeSpan.FromDays(1).TotalMilliseconds)
        {
            return false;
        }

        duration = TimeSpan.FromMilliseconds(ms);
        return true;
    }

    /// <summary>The shortest exact way to write <paramref name="duration"/> back: whole seconds as "2s", otherwise milliseconds.</summary>
    public static string Format(TimeSpan duration)
    {
        if (duration == TimeSpan.Zero)
        {
            return "0";
        }

        double ms = duration.TotalMilliseconds;
        return ms % 60_000 == 0 ? $"{ms / 60_000:0}m"
            : ms % 1000 == 0 ? $"{ms / 1000:0}s"
            : $"{ms:0.###}ms";
    }

    [GeneratedRegex(@"^(?<n>\d+(?:\.\d+)?)(?<unit>us|ms|s|m|h)$")]
    private static partial Regex Pattern();
}
