using Bench.Configuration;
using Bench.Gates.Syntax;
using Bench.Launch;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Bench.Scenarios;

/// <summary>Reads one scenario document; every problem goes to the error list, and null comes back when the shape is unusable.</summary>
internal sealed class ScenarioReader(TargetCatalog catalog, PlacementHost host, ErrorList errors)
{
    private static readonly string[] RootFields = ["name", "description", "claim", "targets", "request", "load", "simul", "placement", "background", "cites", "gates"];
    private static readonly string[] GateFields = ["gate", "why"];

    public Scenario? Read(YamlNode root)
    {
        var map = YamlMap.Open(root, "", "a mapping with name, description, targets, request and load", RootFields, errors, RootHint);
        if (map is null)
        {
            return null;
        }

        string? name = map.Name("name", "io-bound");

        string? description = map.Text("description", "one sentence: the lesson the scenario shows", required: true);
        string? claim = map.Text("claim", "the claim the scenario puts to the test, in one sentence, like \"async is faster for I/O-bound work\"");
        var cites = ReadCites(map);
        var streams = BackgroundReader.Read(map);
        var targets = new ScenarioTargetsReader(catalog, errors).Read(map, streams);
        var simul = map.Map("simul", SimulReader.Expected, SimulReader.Fields) is { } simulMap ? SimulReader.Read(simulMap) : null;
        var (request, load) = map.Has("simul") ? FromSimul(map, simul) : (ReadRequest(map), ReadLoad(map));
        var placement = map.Map("placement", ScenarioPlacementReader.Expected, ScenarioPlacementReader.Fields) is { } placementMap
            ? ScenarioPlacementReader.Read(placementMap, host)
            : null;
        var gates = ReadGates(map, targets?.Select(t => t.Name).ToArray(), load?.Levels);

        if (name is null || description is null || targets is null || request is null || load is null || gates is null || streams is null
            || (placement is null && map.Has("placement")) || (simul is null && map.Has("simul")) || cites is null)
        {
            return null;
        }

        var scenario = new Scenario(name, description, targets.Select(t => t.Name).ToArray(), request, load, gates, map.Location)
        {
            Placement = placement,
            Claim = claim,
            Simul = simul,
            Cites = cites,
            Variants = targets.Where(t => t.Variant is not null).ToDictionary(t => t.Name, t => t.Variant!),
            Background = streams,
        };
        foreach (var target in targets)
        {
            CheckSupports(scenario, target.Name, target.Location);
        }

        return scenario;
    }

    /// <summary>The micro benchmarks a lesson depends on, by BenchmarkDotNet's Class.Method name (docs/micro.md).</summary>
    private List<string>? ReadCites(YamlMap map)
    {
        const string Expected = "a list of micro benchmarks like [SuspendResume.Awaits, ThreadHandoff.Blocking] (docs/micro.md)";
        var items = map.List("cites", Expected);
        if (items is null)
        {
            return map.Has("cites") ? null : [];
        }

        var names = new List<string>();
        for (int i = 0; i < items.Count; i++)
        {
            if (YamlValues.Text(items[i], $"cites[{i}]", Expected, errors) is { } name)
            {
                if (name.Split('.') is [{ Length: > 0 } type, { Length: > 0 } method] && type.All(char.IsAsciiLetterOrDigit) && method.All(char.IsAsciiLetterOrDigit))
                {
                    names.Add(name);
                }
                else
                {
                    errors.Add(items[i], $"cites[{i}]: '{name}' is not a benchmark name like SuspendResume.Awaits (its class and method)");
                }
            }
        }

        return names.Count == items.Count ? names : null;
    }

    private static ScenarioRequest? ReadRequest(YamlMap map) =>
        map.Map("request", "a mapping like { path: /hello }", ScenarioRequestReader.Fields, required: true) is { } requestMap
            ? ScenarioRequestReader.Read(requestMap)
            : null;

    private static LoadProfile? ReadLoad(YamlMap map) =>
        map.Map("load", "a mapping like { model: closed, levels: [1, 4, 16] }", LoadProfileReader.Fields, required: true) is { } loadMap
            ? LoadProfileReader.Read(loadMap)
            : null;

    /// <summary>A simul is its own request and load: a scenario that also gives either would have two of each.</summary>
    private static (ScenarioRequest?, LoadProfile?) FromSimul(YamlMap map, Simul? simul)
    {
        foreach (string field in new[] { "request", "load" })
        {
            if (map.Get(field, false, "") is { } node)
            {
                map.Errors.Add(node, $"{field}: simul: makes the request (the master's move) and the load (boards, moves, replies); leave {field} out");
            }
        }

        return simul is null || map.Has("request") || map.Has("load") ? (null, null) : (SimulReader.Request(simul), SimulReader.Load(simul));
    }

    private static string? RootHint(string field) =>
        LoadProfileReader.Fields.Contains(field) ? "it belongs inside load: { … }; "
        : ScenarioRequestReader.Fields.Contains(field) ? "it belongs inside request: { … }; "
        : ScenarioPlacementReader.Fields.Contains(field) ? "it belongs inside placement: { … }; "
        : null;

    /// <summary>
    /// Each gate is parsed here, so a run refuses a malformed one before launching anything; and, once targets
    /// and levels are known, checked to name only those (another would leave the gate nothing to measure). A gate is
    /// a quoted line, or a mapping { gate: "…", why: "…" } that adds the sentence saying why it should hold.
    /// </summary>
    private List<ScenarioGate>? ReadGates(YamlMap map, IReadOnlyList<string>? targets, IReadOnlyList<int>? levels)
    {
        var items = map.List("gates", $"a list of gates, each a quoted line like {GateParser.Example} or a mapping {{ gate: \"…\", why: \"…\" }}");
        if (items is null)
        {
            return map.Has("gates") ? null : [];
        }

        var gates = new List<ScenarioGate>();
        for (int i = 0; i < items.Count; i++)
        {
            if (ReadGate(items[i], $"gates[{i}]") is not ({ } node, var why)
                || YamlValues.Text(node, $"gates[{i}]", $"a gate, a quoted line like {GateParser.Example}", errors) is not { } text)
            {
                continue;
            }

            // Columns in errors count from the gate's first character, inside its quotes.
            var start = errors.At(node);
            var gate = new ScenarioGate(text, node is YamlScalarNode { Style: ScalarStyle.DoubleQuoted or ScalarStyle.SingleQuoted } ? start with { Column = start.Column + 1 } : start) { Why = why };
            gates.Add(gate);
            var problems = !GateParser.TryParse(text, out var parsed, out var error) ? [error]
                : targets is not null && levels is not null ? GateScope.Problems(parsed, targets, levels)
                : [];
            foreach (var problem in problems)
            {
                errors.Add(problem.LocationIn(gate.Location, text), $"gates[{i}]: {problem.Message}");
            }
        }

        return gates;
    }

    /// <summary>The gate's own node and its explanation: the item itself for a plain line, else the mapping's fields.</summary>
    private (YamlNode Gate, string? Why)? ReadGate(YamlNode item, string path)
    {
        if (item is not YamlMappingNode)
        {
            return (item, null);
        }

        var map = YamlMap.Open(item, path, "a mapping { gate: \"…\", why: \"…\" }", GateFields, errors);
        var gate = map?.Get("gate", required: true, $"a quoted line like {GateParser.Example}");
        string? why = map?.Text("why", "one sentence saying why the gate should hold");
        if (why is not null && (why.Length == 0 || why.Any(char.IsControl)))
        {
            map!.Reject("why", "one sentence on one line");
            return null;
        }

        return gate is null ? null : (gate, why);
    }

    /// <summary>The launched entry must serve every path the target is sent: its request's and its streams'.</summary>
    private void CheckSupports(Scenario scenario, string target, SourceLocation location)
    {
        string entry = scenario.CatalogueTarget(target);
        var supports = catalog.Find(entry)!.Supports;
        var endpoints = scenario.BackgroundOf(target).Select(s => s.Request.Endpoint).Prepend(scenario.RequestOf(target).Endpoint).Distinct();
        foreach (string endpoint in endpoints.Where(e => supports.Count > 0 && !supports.Contains(e)))
        {
            string who = entry == target ? $"target '{target}'" : $"target '{target}' ({entry})";
            errors.Add(location, $"{who} does not serve {endpoint} (it supports {string.Join(", ", supports)})");
        }
    }
}
