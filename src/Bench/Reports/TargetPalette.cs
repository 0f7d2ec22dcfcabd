using Bench.Results;

namespace Bench.Reports;

/// <summary>
/// One colour per target for the whole run, so a target looks the same in every chart and in the tables.
/// Colour-blind-safe hues (Okabe–Ito, then Tableau); red is kept out: it marks invalid results.
/// </summary>
public sealed class TargetPalette
{
    private static readonly string[] Hues =
    [
        "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#8C564B", "#4D4D4D", "#BCBD22", "#17BECF", "#7F3C8D",
    ];

    private readonly Dictionary<string, string> _colours = new(StringComparer.Ordinal);

    /// <summary>Colours targets in the order the run first names them (scenario definitions, then results).</summary>
    public TargetPalette(RunResults results)
    {
        var targets = results.Scenarios.SelectMany(s => s.Definition.Targets.Concat(s.Results.Select(r => r.Target)));
        foreach (string target in targets.Distinct())
        {
            _colours[target] = Hues[_colours.Count % Hues.Length];
        }
    }

    /// <summary>The invalid-result red, the same in charts and in the HTML.</summary>
    public static string InvalidHex => "#D00000";

    /// <summary>"#RRGGBB"; a target the run never named gets grey.</summary>
    public string HexOf(string target) => _colours.GetValueOrDefault(target, "#808080");
}
