using System.Globalization;
using System.Text.RegularExpressions;

namespace Bench.Configuration;

/// <summary>
/// Memory sizes as Docker's --memory writes them: <c>512m</c>, <c>1g</c>, <c>64k</c>, a plain byte count, and the
/// spelled-out units people also type (<c>512MiB</c>, <c>512MB</c>). Binary units throughout (1m = 1024 × 1024 bytes),
/// as Docker reads them.
/// </summary>
public static partial class ByteSizeText
{
    public const string Example = "a memory size like 512m, 1g or 64MiB";

    public static bool TryParse(string text, out long bytes)
    {
        bytes = 0;
        var match = Pattern().Match(text.Trim());
        if (!match.Success || !decimal.TryParse(match.Groups["n"].ValueSpan, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out decimal n))
        {
            return false;
        }

        long unit = char.ToLowerInvariant(match.Groups["unit"].Value.FirstOrDefault('b')) switch
        {
            'k' => 1L << 10,
            'm' => 1L << 20,
            'g' => 1L << 30,
            't' => 1L << 40,
            _ => 1,
        };
        decimal value = n * unit;
        if (value < 1 || value > long.MaxValue || decimal.Truncate(value) != value)
        {
            return false;
        }

        bytes = (long)value;
        return true;
    }

    /// <summary>The shortest exact way back in the same syntax: 6m, 1g, 1536k, or bytes.</summary>
    public static string Format(long bytes)
    {
        foreach (var (suffix, unit) in new[] { ("g", 1L << 30), ("m", 1L << 20), ("k", 1L << 10) })
        {
            if (bytes >= unit && bytes % unit == 0)
            {
                return $"{bytes / unit}{suffix}";
            }
        }

        return bytes.ToString(CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"^(?<n>\d+(\.\d+)?)\s*(?<unit>[bkmgtBKMGT]|[kmgtKMGT]i?[bB])?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
