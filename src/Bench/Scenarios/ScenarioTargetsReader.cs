using Bench.Configuration;
using Bench.Launch;
using Bench.Launch.Proxies;
using YamlDotNet.RepresentationModel;

namespace Bench.Scenarios;

/// <summary>
/// Reads a scenario's <c>targets:</c>: catalogue names, or variants — a catalogue entry under another name with its
/// own path (<c>{ name: eventloop-io, target: eventloop, path: "/io?ms=20" }</c>) or its own background paths, or behind a
/// proxy at each replica count (<c>{ name: py-sync-nginx, target: py-sync, proxy: nginx, replicas: [1, 2, 4] }</c>: one target
/// per count, <c>py-sync-nginx-x1</c>, <c>-x2</c>, <c>-x4</c>).
/// </summary>
internal sealed class ScenarioTargetsReader(TargetCatalog catalog, ErrorList errors)
{
    private static readonly string[] VariantFields = ["name", "target", "path", "background", "proxy", "replicas"];

    public sealed record Listed(string Name, SourceLocation Location, TargetVariant? Variant);

    public IReadOnlyList<Listed>? Read(YamlMap map, IReadOnlyList<Background>? streams)
    {
        string known = string.Join(", ", catalog.Targets.Select(t => t.Name));
        var items = map.List("targets", $"a list of target names from targets/targets.yaml ({known})", required: true, allowEmpty: false);
        if (items is null)
        {
            return null;
        }

        var targets = new List<Listed>();
        for (int i = 0; i < items.Count; i++)
        {
            string path = $"targets[{i}]";
            var listed = items[i] is YamlMappingNode ? ReadVariant(items[i], path, known, streams) : ReadName(items[i], path, known);
            foreach (var one in listed)
            {
                if (targets.Any(t => t.Name == one.Name))
                {
                    errors.Add(items[i], $"{path}: '{one.Name}' is listed twice; each target runs once per level");
                }
                else
                {
                    targets.Add(one);
                }
            }
        }

        return targets;
    }

    private Listed[] ReadName(YamlNode item, string path, string known)
    {
        if (YamlValues.Text(item, path, "a target name, or a variant like { name: eventloop-io, target: eventloop, path: \"/io?ms=20\" }", errors) is not { } name)
        {
            return [];
        }

        if (catalog.Find(name) is null)
        {
            errors.Add(item, $"{path}: unknown target '{name}'; known: {known}");
            return [];
        }

        return [new Listed(name, errors.At(item), null)];
    }

    private Listed[] ReadVariant(YamlNode item, string path, string known, IReadOnlyList<Background>? streams)
    {
        var map = YamlMap.Open(item, path, "a variant like { name: eventloop-io, target: eventloop, path: \"/io?ms=20\" }", VariantFields, errors);
        if (map is null)
        {
            return [];
        }

        string? name = map.Name("name", "eventloop-io");
        string? target = map.Text("target", $"the catalogue entry it runs ({known})", required: true);
        string? own = ScenarioRequestReader.ReadPath(map, "path", required: false);
        var streamPaths = map.TextMap("background", "a mapping of stream names to paths, like { cpu: \"/cpu?n=60000&yield=500\" }")
            ?? new Dictionary<string, string>();
        bool valid = name is not null && target is not null && (own is not null || !map.Has("path"));
        if (target is not null && catalog.Find(target) is null)
        {
            map.Reject("target", $"a target of the catalogue ({known})");
            valid = false;
        }

        if (name is not null && catalog.Find(name) is not null)
        {
            map.Reject("name", $"a name of its own: '{name}' is a catalogue target");
            valid = false;
        }

        foreach (var (stream, streamPath) in streamPaths)
        {
            if (streams is not null && streams.All(s => s.Name != stream))
            {
                errors.Add(map.Location, $"{map.PathOf("background")}: no stream named '{stream}' in this scenario's background ({(streams.Count == 0 ? "it has none" : string.Join(", ", streams.Select(s => s.Name)))})");
                valid = false;
            }
            else if (!ScenarioRequestReader.IsPath(streamPath))
            {
                errors.Add(map.Location, $"{map.PathOf("background")}.{stream}: '{streamPath}' is not a path starting with / and without spaces");
                valid = false;
            }
        }

        var topology = ProxyVariantReader.Read(map, catalog, target);
        valid &= topology.Valid;
        if (valid && own is null && streamPaths.Count == 0 && topology.Proxy is null)
        {
            errors.Add(map.Location, $"{path}: '{name}' sends what '{target}' sends; give it a path or background paths of its own, or list '{target}' by name");
            valid = false;
        }

        if (!valid)
        {
            return [];
        }

        var variant = new TargetVariant(name!, target!, own, streamPaths);
        return topology.Proxy is null
            ? [new Listed(name!, map.Location, variant)]
            : topology.Replicas.Select(n => ProxyTopology.NameOf(name!, n))
                .Select((expanded, i) => new Listed(expanded, map.Location, variant with { Name = expanded, Proxy = topology.Proxy, Replicas = topology.Replicas[i] }))
                .ToArray();
    }
}
