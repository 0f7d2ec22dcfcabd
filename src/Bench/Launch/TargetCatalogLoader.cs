using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using Bench.Configuration;
using Bench.Launch.Differences;
using Bench.Launch.Docker;
using Bench.Launch.Proxies;
using YamlDotNet.RepresentationModel;

namespace Bench.Launch;

/// <summary>
/// Reads targets/targets.yaml: a <c>targets:</c> list, each with name, description, command (an argument
/// array), environment, readiness, supports, requires, files and needs; and a <c>dependencies:</c> list of the servers
/// Bench starts for the targets that need them (the same fields but supports; their needs name dependencies above them). Placeholders other than the launch ones ({port}, {dir},
/// {header_timeout}) are filled in here; those stay until launch. Every problem is reported with file:line:column (docs/targets.md).
/// </summary>
public static partial class TargetCatalogLoader
{
    public const string TargetsBinPlaceholder = "targets_bin";
    public const string RepoPlaceholder = "repo";
    public const string TargetsDirPlaceholder = "targets_dir";
    public const string DotnetRootPlaceholder = "dotnet_root";
    public const string PythonPlaceholder = "python";

    private static readonly string[] RootFields = ["dependencies", "proxies", "targets"];
    private static readonly string[] TargetFields = ["name", "description", "command", "environment", "readiness", "supports", "concurrency", "requires", "files", TargetNeedsReader.Field, ContractDifferencesReader.Field, .. ContainerSpecReader.Fields];
    private static readonly string[] DependencyFields = ["name", "description", "command", "environment", "readiness", "requires", "files", TargetNeedsReader.Field];
    private static readonly string[] ProxyFields = ["name", "description", "command", "environment", "readiness", "requires", "files", ContractDifferencesReader.Field, ProxyUpstreamReader.Field];
    private static readonly string[] ReadinessFields = ["stdout", "http", "redis", "amqp"];

    /// <summary>
    /// {targets_bin} → the built Bench.Targets executable, {targets_dir} → its folder, {repo} → the checkout's root,
    /// {dotnet_root} → the .NET installation Bench runs on (what a docker image of the .NET targets copies),
    /// {python} → the interpreter whose modules Debian installs (<see cref="DefaultPython"/>).
    /// </summary>
    public static IReadOnlyDictionary<string, string> StandardPlaceholders()
    {
        string targetsBin = TargetsBinary.Locate();
        return new Dictionary<string, string>
        {
            [TargetsBinPlaceholder] = targetsBin,
            [TargetsDirPlaceholder] = Path.GetDirectoryName(targetsBin) ?? "/",
            [RepoPlaceholder] = TargetsBinary.RepositoryRoot(),
            [DotnetRootPlaceholder] = DotnetRoot(),
            [PythonPlaceholder] = DefaultPython(),
        };
    }

    /// <summary>
    /// /usr/bin/python3 when it exists: Debian's python3-* packages install into it, not into the first python3 on PATH
    /// (a pyenv shim, a virtualenv); else python3 from PATH.
    /// </summary>
    public static string DefaultPython() => File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";

    /// <summary>$DOTNET_ROOT, else three folders above the runtime's own (&lt;root&gt;/shared/Microsoft.NETCore.App/&lt;version&gt;/).</summary>
    public static string DotnetRoot() =>
        Environment.GetEnvironmentVariable("DOTNET_ROOT") is { Length: > 0 } root
            ? root.TrimEnd('/')
            : Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));

    public static TargetCatalog LoadFile(string path, IReadOnlyDictionary<string, string> placeholders)
    {
        var errors = new ErrorList(path);
        return Build(YamlFile.Read(path, errors), errors, placeholders);
    }

    public static TargetCatalog Parse(string text, string file, IReadOnlyDictionary<string, string> placeholders)
    {
        var errors = new ErrorList(file);
        return Build(YamlFile.Parse(text, errors), errors, placeholders);
    }

    private static TargetCatalog Build(IReadOnlyList<YamlNode> roots, ErrorList errors, IReadOnlyDictionary<string, string> placeholders)
    {
        if (roots.Count != 1 && !errors.Any)
        {
            errors.Add(SourceLocation.WholeFile(errors.File), $"expected one YAML document with a 'targets:' list; found {roots.Count}");
        }

        var targets = new List<TargetDefinition>();
        var dependencies = new List<TargetDefinition>();
        var proxies = new List<ProxyDefinition>();
        if (roots.Count == 1 && YamlMap.Open(roots[0], "", "a mapping with a 'targets:' list (and 'dependencies:' and 'proxies:' lists)", RootFields, errors) is { } root)
        {
            ReadEntries(root, "dependencies", dependencies, errors, placeholders, []);
            ReadProxies(root, proxies, errors, placeholders);
            ReadEntries(root, "targets", targets, errors, placeholders, dependencies);
        }

        return errors.Any ? throw new CatalogException(errors.Errors) : new TargetCatalog(targets) { Dependencies = dependencies, Proxies = proxies };
    }

    /// <summary>
    /// Reads <c>proxies:</c>: the fields of a dependency plus differences (the proxy parses HTTP first) and upstream; its
    /// files may hold {upstream}, {reuse} and {workers}, filled when a topology starts (<see cref="ProxyTopology.ProxyLaunch"/>).
    /// </summary>
    private static void ReadProxies(YamlMap root, List<ProxyDefinition> into, ErrorList errors, IReadOnlyDictionary<string, string> placeholders)
    {
        var items = root.List("proxies", "a list of proxies a scenario may put in front of replicas", required: false);
        var filled = placeholders.Concat(new[] { ProxyDefinition.UpstreamPlaceholder, ProxyDefinition.ReusePlaceholder, ProxyDefinition.WorkersPlaceholder }
            .Select(p => KeyValuePair.Create(p, $"{{{p}}}"))).ToDictionary();
        for (int i = 0; i < (items?.Count ?? 0); i++)
        {
            ProxyUpstream? upstream = null;
            var server = ReadTarget(items![i], $"proxies[{i}]", errors, filled, [], isTarget: false, ProxyFields, map => (upstream = ProxyUpstreamReader.Read(map)) is not null);
            if (server is null || upstream is null)
            {
                continue;
            }

            if (into.Any(p => p.Name == server.Name))
            {
                errors.Add(items[i], $"proxies[{i}]: the name '{server.Name}' is used twice");
            }

            into.Add(new ProxyDefinition(server, upstream));
        }
    }

    /// <summary>Reads the list <paramref name="key"/> (targets, whose needs name <paramref name="dependencies"/>; or dependencies) into <paramref name="into"/>.</summary>
    private static void ReadEntries(YamlMap root, string key, List<TargetDefinition> into, ErrorList errors, IReadOnlyDictionary<string, string> placeholders, IReadOnlyList<TargetDefinition> dependencies)
    {
        bool isTarget = key == "targets";
        var items = isTarget
            ? root.List(key, "a non-empty list of targets", required: true, allowEmpty: false)
            : root.List(key, "a list of servers Bench starts for the targets that need them", required: false);
        for (int i = 0; i < (items?.Count ?? 0); i++)
        {
            // A dependency may need the dependencies declared above it (the RPC worker needs the broker); a target any.
            IReadOnlyList<TargetDefinition> needable = isTarget ? dependencies : into.ToArray();
            // A {redis_port} stays until launch, like {port}: here it stands for itself.
            var filled = placeholders.Concat(needable.Select(d => LaunchValues.DependencyPortPlaceholder(d.Name)).Select(p => KeyValuePair.Create(p, $"{{{p}}}"))).ToDictionary();
            if (ReadTarget(items![i], $"{key}[{i}]", errors, filled, needable, isTarget) is not { } entry)
            {
                continue;
            }

            if (into.Any(t => t.Name == entry.Name) || (isTarget && dependencies.Any(d => d.Name == entry.Name)))
            {
                errors.Add(items[i], $"{key}[{i}]: the name '{entry.Name}' is used twice");
            }

            into.Add(entry);
        }
    }

    /// <summary>
    /// A target, or a dependency or proxy when not <paramref name="isTarget"/> (then no supports or image); its needs among
    /// <paramref name="dependencies"/>; <paramref name="more"/> reads a proxy's own fields and says whether they are valid.
    /// </summary>
    private static TargetDefinition? ReadTarget(
        YamlNode node, string path, ErrorList errors, IReadOnlyDictionary<string, string> placeholders, IReadOnlyList<TargetDefinition> dependencies, bool isTarget,
        IReadOnlyList<string>? fields = null, Func<YamlMap, bool>? more = null)
    {
        var map = isTarget
            ? YamlMap.Open(node, path, "a mapping with name, description, command, readiness and supports (and for kind: docker, image)", TargetFields, errors)
            : YamlMap.Open(node, path, "a mapping with name, description, command and readiness", fields ?? DependencyFields, errors);
        if (map is null)
        {
            return null;
        }

        string? name = map.Name("name", "async");

        string? description = map.Text("description", "one line saying how it gets concurrency", required: true);
        var command = ReadTexts(map, "command", "an argument array like [\"{targets_bin}\", --model, sync, --port, \"{port}\"] (never a shell string)", required: true);
        var environment = map.TextMap("environment", "a mapping of variable names to values") ?? new Dictionary<string, string>();
        var readiness = ReadReadiness(map);
        var supports = isTarget ? ReadTexts(map, "supports", "a list of endpoints like [/hello, /io]", required: true) : [];
        if (supports?.FirstOrDefault(s => !s.StartsWith('/') || s.Contains('?', StringComparison.Ordinal)) is { } bad)
        {
            map.Reject("supports", $"paths without query, like /hello (not '{bad}')");
        }

        int? concurrency = map.WholeNumber("concurrency", 1, 1_000_000);
        var fill = Filler(map, placeholders);
        var container = ContainerSpecReader.Read(map, fill, out bool containerValid);
        var requires = TargetRequirementsReader.Read(map, placeholders);
        var files = TargetFilesReader.Read(map, fill, placeholders);
        var differences = ContractDifferencesReader.Read(map);
        var needs = TargetNeedsReader.Read(map, dependencies);
        bool moreValid = more?.Invoke(map) ?? true;
        if (!moreValid || name is null || description is null || command is null || readiness is null || supports is null || !containerValid || requires is null || files is null || differences is null || needs is null)
        {
            return null;
        }

        var filled = (Command: command.Select(a => fill(a, "command")).ToList(),
                      Environment: environment.ToDictionary(e => e.Key, e => fill(e.Value, "environment"), StringComparer.Ordinal));
        bool needsPort = readiness is not StdoutReadiness { CapturesPort: true };
        var texts = filled.Command.Concat(filled.Environment.Values).Concat(files.Select(f => f.Text)).ToArray();
        if (needsPort && !texts.Any(a => a.Contains(TargetDefinition.PortPlaceholder, StringComparison.Ordinal)))
        {
            errors.Add(map.Location, $"{path}: its readiness does not capture a port, so Bench chooses one: put {TargetDefinition.PortPlaceholder} in command, environment or a file");
        }

        TargetNeedsReader.CheckPlaceholders(map, needs, dependencies, texts);
        if (container is not null && (files.Count > 0 || texts.Any(a => a.Contains(TargetDefinition.DirPlaceholder, StringComparison.Ordinal))))
        {
            errors.Add(map.Location, $"{path}: files and {TargetDefinition.DirPlaceholder} are for process targets; a container's root is read-only and its scratch folder is $TMPDIR");
        }

        return new TargetDefinition(name, description, filled.Command, filled.Environment)
        {
            Readiness = readiness, Supports = supports, Container = container, Requires = requires, Files = files, Differences = differences,
            ConcurrencyLimit = concurrency, Needs = needs,
        };
    }

    internal static List<string>? ReadTexts(YamlMap map, string key, string expected, bool required)
    {
        if (map.List(key, expected, required, allowEmpty: false) is not { } items)
        {
            return null;
        }

        var texts = items.Select((item, i) => YamlValues.Text(item, $"{map.PathOf(key)}[{i}]", "a text value", map.Errors)).ToList();
        return texts.Any(t => t is null) ? null : texts.OfType<string>().ToList();
    }

    private static TargetReadiness? ReadReadiness(YamlMap target)
    {
        const string Expected = "{ stdout: '<line regex capturing (?<port>\\d+)>' } or { http: /hello } or { redis: ping } or { amqp: handshake }";
        if (target.Get("readiness", false, Expected) is null)
        {
            return TargetReadiness.ListeningLine;
        }

        if (target.Map("readiness", Expected, ReadinessFields) is not { } map)
        {
            return null;
        }

        string? stdout = map.Text("stdout", "a regular expression matching the line the target prints when ready");
        string? http = map.Text("http", "a path like /hello to GET until the target answers");
        string? redis = map.Text("redis", "ping: a Redis server answering PING with PONG on its port");
        if (redis is not null && redis != "ping")
        {
            map.Reject("redis", "ping (PING answered with PONG)");
            return null;
        }

        string? amqp = map.Text("amqp", "handshake: an AMQP broker answering the protocol header with Connection.Start on its port");
        if (amqp is not null && amqp != "handshake")
        {
            map.Reject("amqp", "handshake (the protocol header answered with Connection.Start)");
            return null;
        }

        if (new[] { stdout, http, redis, amqp }.Count(r => r is not null) != 1)
        {
            map.Errors.Add(map.Location, $"{map.Path}: expected exactly one of stdout, http, redis or amqp, like {Expected}");
            return null;
        }

        if (redis is not null)
        {
            return new RedisPingReadiness();
        }

        if (amqp is not null)
        {
            return new AmqpHandshakeReadiness();
        }

        if (http is not null)
        {
            if (!http.StartsWith('/'))
            {
                map.Reject("http", "a path starting with /, like /hello");
                return null;
            }

            return new HttpReadiness(http);
        }

        try
        {
            return new StdoutReadiness(stdout!);
        }
        catch (ArgumentException e)
        {
            map.Reject("stdout", $"a valid regular expression ({e.Message})");
            return null;
        }
    }

    /// <summary>Fills every placeholder but the launch ones (<see cref="LaunchValues"/>); an unknown one is reported against the key it is in.</summary>
    private static Func<string, string, string> Filler(YamlMap map, IReadOnlyDictionary<string, string> placeholders) =>
        (text, key) => FillLoadTime(text, placeholders, (_, unknown, known) => map.Reject(key, $"only the placeholders {known} (not {unknown})"));

    /// <summary>
    /// Fills the load-time placeholders of <paramref name="text"/>, keeps the launch ones, and calls
    /// <paramref name="unknown"/> with (column, placeholder, the known ones) for any other.
    /// </summary>
    internal static string FillLoadTime(string text, IReadOnlyDictionary<string, string> placeholders, Action<int, string, string> unknown) =>
        Placeholder().Replace(text, m =>
        {
            string word = m.Groups[1].Value;
            if (LaunchValues.Placeholders.Contains(word))
            {
                return m.Value;
            }

            if (placeholders.TryGetValue(word, out string? value))
            {
                return value;
            }

            unknown(m.Index + 1, m.Value, string.Join(", ", placeholders.Keys.Concat(LaunchValues.Placeholders).Select(k => $"{{{k}}}")));
            return m.Value;
        });

    [GeneratedRegex(@"\{([A-Za-z_][A-Za-z0-9_]*)\}")]
    private static partial Regex Placeholder();
}
