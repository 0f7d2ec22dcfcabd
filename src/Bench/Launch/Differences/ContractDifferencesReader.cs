using Bench.Configuration;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Bench.Launch.Differences;

/// <summary>
/// Reads an entry's <c>differences: { "head over 8 KiB": { status: 400, closes: true, why: "…" } }</c>: the checks on
/// which it answers unlike the contract (docs/targets.md, "Contract differences"). An unknown check, a field the check
/// does not take, or a bad value is a file:line:column error.
/// </summary>
internal static class ContractDifferencesReader
{
    public const string Field = "differences";
    private const string Expected = "a mapping of check names to { status: 400, closes: true, why: \"one sentence\" }";
    private static readonly string[] Fields = ["status", "closes", "why"];

    /// <summary>Empty when absent; null (reported) when wrong.</summary>
    public static IReadOnlyDictionary<string, ContractDifference>? Read(YamlMap target)
    {
        if (target.Get(Field, false, Expected) is not { } node)
        {
            return new Dictionary<string, ContractDifference>();
        }

        var errors = target.Errors;
        int errorsBefore = errors.Errors.Count;
        if (node is not YamlMappingNode mapping)
        {
            YamlValues.Mismatch(node, target.PathOf(Field), Expected, errors);
            return null;
        }

        var differences = new Dictionary<string, ContractDifference>(StringComparer.Ordinal);
        foreach (var (key, value) in mapping.Children)
        {
            if (YamlValues.Text(key, target.PathOf(Field), "a check name", errors) is not { } check)
            {
                continue;
            }

            if (!ContractChecks.All.Contains(check))
            {
                errors.Add(key, $"{target.PathOf(Field)}: unknown check '{check}'; known: {string.Join(", ", ContractChecks.All)}");
                continue;
            }

            if (ReadOne(check, value, $"{target.PathOf(Field)}.{check}", errors) is { } difference)
            {
                differences[check] = difference;
            }
        }

        return errors.Errors.Count == errorsBefore ? differences : null;
    }

    private static ContractDifference? ReadOne(string check, YamlNode node, string path, ErrorList errors)
    {
        bool takesStatus = ContractChecks.TakesStatus(check);
        string shape = takesStatus ? "{ status: 400 (or none), closes: true, why: \"one sentence\" }" : "{ closes: true, why: \"one sentence\" }";
        if (YamlMap.Open(node, path, shape, takesStatus ? Fields : ["closes", "why"], errors) is not { } map)
        {
            return null;
        }

        int errorsBefore = errors.Errors.Count;
        string? why = map.Text("why", "one sentence saying why it differs", required: true);
        int? status = null;
        if (map.Get("status", false, "") is YamlScalarNode { Value: "none" })
        {
            status = ContractDifference.NoStatusLine;
        }
        else if (map.Has("status"))
        {
            status = map.WholeNumber("status", 100, 599);
        }

        bool? closes = map.Get("closes", false, "") switch
        {
            null => null,
            YamlScalarNode { Style: ScalarStyle.Plain, Value: "true" } => true,
            YamlScalarNode { Style: ScalarStyle.Plain, Value: "false" } => false,
            _ => Rejected(map, "closes", "true or false"),
        };

        if (!map.Has("status") && !map.Has("closes") && errors.Errors.Count == errorsBefore)
        {
            errors.Add(map.Location, $"{path}: expected what differs, like {shape}");
        }

        return errors.Errors.Count == errorsBefore && why is not null ? new ContractDifference(check, status, closes, why) : null;
    }

    private static bool? Rejected(YamlMap map, string key, string expected)
    {
        map.Reject(key, expected);
        return null;
    }
}
