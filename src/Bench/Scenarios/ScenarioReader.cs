using System.Text.RegularExpressions;
using Bench.Configuration;
using Bench.Gates.Syntax;
using Bench.Launch;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Bench.Scenarios;

/// <summary>Reads one scenario document; every problem goes to the error list, and null comes back when the shape is unusable.</summary>
internal sealed partial class ScenarioReader(TargetCatalog catalog, PlacementHost host, ErrorList errors)
{
    private static readonly string[] RootFields = ["name", "description", "targets", "request", "load", "placement", "gates"];
    private static readonly string[] GateFields = ["gate", "why"];
    private static readonly string[] RequestFields = ["method", "path", "headers", "expect"];
    private static readonly string[] ExpectFields = ["status", "body"];

    public Scenario? Read(YamlNode root)
    {
        var map = YamlMap.Open(root, "", "a mapping with name, description, targets, request and load", RootFields, errors, RootHint);
        if (map is null)
        {
            return null;
        }

        string? name = map.Name("name", "io-bound");

        string? description = map.Text("description", "one sentence: the lesson the scenario shows", required: true);
        var targets = ReadTargets(map);
        var request = ReadRequest(map);
        var load = map.Map("load", "a mapping like { model: closed, levels: [1, 4, 16] }", LoadProfileReader.Fields, required: true) is { } loadMap
            ? LoadProfileReader.Read(loadMap)
            : null;
        var placement = map.Map("placement", ScenarioPlacementReader.Expected, ScenarioPlacementReader.Fields) is { } placementMap
            ? ScenarioPlacementReader.Read(placementMap, host)
            : null;
        var gates = ReadGates(map, targets?.Select(t => t.Name).ToArray(), load?.Levels);

        if (name is null || description is null || targets is null || request is null || load is null || gates is null || (placement is null && map.Has("placement")))
        {
            return null;
        }

        foreach (var (target, location) in targets)
        {
            CheckSupports(target, location, request.Endpoint);
        }

        return new Scenario(name, description, targets.Select(t => t.Name).ToArray(), request, load, gates, map.Location) { Placement = placement };
    }

    private static string? RootHint(string field) =>
        LoadProfileReader.Fields.Contains(field) ? "it belongs inside load: { … }; "
        : RequestFields.Contains(field) ? "it belongs inside request: { … }; "
        : ScenarioPlacementReader.Fields.Contains(field) ? "it belongs inside placement: { … }; "
        : null;

    private List<(string Name, SourceLocation Location)>? ReadTargets(YamlMap map)
    {
        string known = string.Join(", ", catalog.Targets.Select(t => t.Name));
        var items = map.List("targets", $"a list of target names from targets/targets.yaml ({known})", required: true, allowEmpty: false);
        if (items is null)
        {
            return null;
        }

        var targets = new List<(string, SourceLocation)>();
        for (int i = 0; i < items.Count; i++)
        {
            string path = $"targets[{i}]";
            if (YamlValues.Text(items[i], path, "a target name", errors) is not { } name)
            {
                continue;
            }

            if (catalog.Find(name) is null)
            {
                errors.Add(items[i], $"{path}: unknown target '{name}'; known: {known}");
            }
            else if (targets.Any(t => t.Item1 == name))
            {
                errors.Add(items[i], $"{path}: '{name}' is listed twice; each target runs once per level");
            }
            else
            {
                targets.Add((name, errors.At(items[i])));
            }
        }

        return targets;
    }

    private ScenarioRequest? ReadRequest(YamlMap root)
    {
        var map = root.Map("request", "a mapping like { path: /hello }", RequestFields, required: true);
        if (map is null)
        {
            return null;
        }

        string? method = map.Text("method", "an HTTP method like GET") ?? ScenarioRequest.DefaultMethod;
        if (!MethodPattern().IsMatch(method))
        {
            method = null;
            map.Reject("method", "an HTTP method in capitals, like GET or POST");
        }

        string? path = map.Text("path", "a path like /hello or \"/io?ms=50\"", required: true);
        if (path is not null && !PathPattern().IsMatch(path))
        {
            path = null;
            map.Reject("path", "a path starting with / and without spaces, like \"/io?ms=50\"");
        }

        var headers = map.TextMap("headers", "a mapping of header names to values, like { Accept: text/plain }") ?? new Dictionary<string, string>();
        foreach (var (header, value) in headers)
        {
            if (!TokenPattern().IsMatch(header) || value.Any(char.IsControl))
            {
                errors.Add(map.Location, $"request.headers: '{header}' is not a valid header (a name of letters, digits and -, a value on one line)");
            }
        }

        var expect = ReadExpect(map);
        return method is null || path is null || expect is null ? null : new ScenarioRequest(method, path, headers, expect);
    }

    private static ExpectedResponse? ReadExpect(YamlMap request)
    {
        if (request.Get("expect", false, "") is null)
        {
            return new ExpectedResponse(ExpectedResponse.DefaultStatus, null);
        }

        var map = request.Map("expect", "a mapping like { status: 200, body: \"Hello, World!\" }", ExpectFields);
        if (map is null)
        {
            return null;
        }

        int status = map.WholeNumber("status", 100, 599) ?? ExpectedResponse.DefaultStatus;
        string? body = map.Text("body", "the exact response body");
        return new ExpectedResponse(status, body);
    }

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

    private void CheckSupports(string target, SourceLocation location, string endpoint)
    {
        var supports = catalog.Find(target)!.Supports;
        if (supports.Count > 0 && !supports.Contains(endpoint))
        {
            errors.Add(location, $"target '{target}' does not serve {endpoint} (it supports {string.Join(", ", supports)})");
        }
    }

    [GeneratedRegex(@"^[A-Z]+$")]
    private static partial Regex MethodPattern();

    [GeneratedRegex(@"^/[\x21-\x7E]*$")]
    private static partial Regex PathPattern();

    [GeneratedRegex(@"^[A-Za-z0-9!#$%&'*+.^_`|~-]+$")]
    private static partial Regex TokenPattern();
}
