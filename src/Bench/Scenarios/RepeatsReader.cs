using System.Globalization;
using Bench.Configuration;
using Bench.Gates.Syntax;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Bench.Scenarios;

/// <summary>
/// Reads <c>load.repeats</c>: a fixed count (<c>3</c>), <c>auto</c>, or <c>{ auto: true, max: 8, ci: 5% }</c>.
/// Returns the count each level may run (the maximum for auto) and the auto rule; a wrong value is reported and read
/// as the default, so the rest of the file is still checked.
/// </summary>
internal static class RepeatsReader
{
    private const string Field = "repeats";
    private const int MaxFixed = 1000;
    private const double MaxHalfWidth = 0.5;
    private static readonly string[] AutoFields = ["auto", "max", "ci"];
    private static readonly string Expected = $"a whole number from 1 to {MaxFixed}, auto, or a mapping like {{ auto: true, max: 8, ci: 5% }}";

    public static (int Repeats, AutoRepeats? Auto) Read(YamlMap load)
    {
        if (load.Get(Field, false, Expected) is not { } node)
        {
            return (LoadProfile.DefaultRepeats, null);
        }

        string path = load.PathOf(Field);
        if (node is YamlScalarNode { Style: ScalarStyle.Plain, Value: "auto" })
        {
            return (AutoRepeats.Default.Max, AutoRepeats.Default);
        }

        if (node is YamlScalarNode { Style: ScalarStyle.Plain, Value: var text }
            && int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int count) && count is >= 1 and <= MaxFixed)
        {
            return (count, null);
        }

        if (node is YamlMappingNode)
        {
            return ReadAuto(YamlMap.Open(node, path, Expected, AutoFields, load.Errors)!);
        }

        YamlValues.Mismatch(node, path, Expected, load.Errors);
        return (LoadProfile.DefaultRepeats, null);
    }

    private static (int, AutoRepeats?) ReadAuto(YamlMap map)
    {
        bool valid = true;
        if (map.Get("auto", true, "auto: true") is { } autoNode && autoNode is not YamlScalarNode { Style: ScalarStyle.Plain, Value: "true" })
        {
            YamlValues.Mismatch(autoNode, map.PathOf("auto"), "true (a mapping sets up auto repeats; for a fixed count write repeats: N)", map.Errors);
            valid = false;
        }

        valid &= map.Has("auto");
        int? max = map.Has("max") ? map.WholeNumber("max", AutoRepeats.Min, AutoRepeats.MaxLimit) : AutoRepeats.DefaultMax;
        double? halfWidth = AutoRepeats.DefaultHalfWidth;
        if (map.Text("ci", "a percentage like 5%") is { } ci)
        {
            halfWidth = GateValues.TryParsePercent(ci, out double fraction) && fraction > 0 && fraction <= MaxHalfWidth ? fraction : null;
            if (halfWidth is null)
            {
                map.Reject("ci", $"a percentage like 5% (the half-width of the throughput's 95 % interval), more than 0% and at most {MaxHalfWidth * 100:0}%");
            }
        }

        return valid && max is { } m && halfWidth is { } h ? (m, new AutoRepeats(m, h)) : (LoadProfile.DefaultRepeats, null);
    }
}
