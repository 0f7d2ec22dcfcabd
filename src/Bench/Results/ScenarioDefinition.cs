using Bench.Scenarios;

namespace Bench.Results;

/// <summary>A scenario as recorded in results.json: its file's values with defaults applied, durations in milliseconds.</summary>
public sealed record ScenarioDefinition(
    string Name,
    string Description,
    string Source,
    IReadOnlyList<string> Targets,
    RequestDefinition Request,
    LoadDefinition Load,
    IReadOnlyList<GateDefinition> Gates)
{
    /// <summary>
    /// Where this scenario's targets ran when its placement overrode the run's (<see cref="RunInfo.Pinning"/> holds
    /// the run's); null when they ran where the run put them (and in results written before it existed).
    /// </summary>
    public PlacementDefinition? Placement { get; init; }

    /// <summary>The claim the scenario tests, for the report's Lessons page; null when it is not a lesson (and in results written before claims existed).</summary>
    public string? Claim { get; init; }

    /// <summary>Micro benchmarks the lesson cites (Class.Method); empty when none (and in results written before cites existed).</summary>
    public IReadOnlyList<string> Cites { get; init; } = [];

    /// <summary>The chess simul the scenario played, with its predictions; null for other scenarios (and in results written before simuls existed).</summary>
    public SimulDefinition? Simul { get; init; }

    /// <summary>Targets that are a catalogue entry under another name, with their own paths; empty when none (and in results written before they existed).</summary>
    public IReadOnlyList<VariantDefinition> Variants { get; init; } = [];

    /// <summary>Background streams sent beside the request in every level; empty when none (and in results written before they existed).</summary>
    public IReadOnlyList<BackgroundDefinition> Background { get; init; } = [];

    public static ScenarioDefinition From(Scenario scenario)
    {
        var load = scenario.Load;
        return new ScenarioDefinition(
            scenario.Name,
            scenario.Description,
            scenario.Source.ToString(),
            scenario.Targets,
            new RequestDefinition(scenario.Request.Method, scenario.Request.Path, scenario.Request.Headers, new ExpectDefinition(scenario.Request.Expect.Status, scenario.Request.Expect.Body)),
            new LoadDefinition(
                load.Model == LoadModel.Open ? "open" : "closed",
                load.Levels,
                load.Think.Min.TotalMilliseconds,
                load.Think.Max.TotalMilliseconds,
                load.Iterations,
                load.RampUp.TotalMilliseconds,
                load.MaxConnections,
                load.Warmup.TotalMilliseconds,
                load.Duration.TotalMilliseconds,
                load.Repeats,
                load.Timeout.TotalMilliseconds,
                load.Cooldown.TotalMilliseconds)
            {
                AutoRepeats = load.AutoRepeats is { } auto ? new AutoRepeatsDefinition(AutoRepeats.Min, auto.Max, auto.HalfWidth * 100) : null,
            },
            scenario.Gates.Select(g => new GateDefinition(g.Expression, g.Location.ToString()) { Why = g.Why }).ToArray())
        {
            Claim = scenario.Claim,
            Cites = scenario.Cites,
            Simul = scenario.Simul is { } simul ? SimulDefinition.From(simul) : null,
            Variants = scenario.Targets.Where(scenario.Variants.ContainsKey).Select(t => scenario.Variants[t])
                .Select(v => new VariantDefinition(v.Name, v.Target, v.Path, v.BackgroundPaths) { Proxy = v.Proxy, Replicas = v.Replicas }).ToArray(),
            Background = scenario.Background.Select(s => new BackgroundDefinition(s.Name, s.Request.Method, s.Request.Path, s.Connections, s.Rate)).ToArray(),
        };
    }
}

/// <summary>A target run as catalogue entry <see cref="Target"/> under <see cref="Name"/>, sent <see cref="Path"/> (null: the scenario's) and its own stream paths.</summary>
public sealed record VariantDefinition(string Name, string Target, string? Path, IReadOnlyDictionary<string, string> BackgroundPaths)
{
    /// <summary>The proxy in front of <see cref="Replicas"/> copies of <see cref="Target"/>; null for a plain variant.</summary>
    public string? Proxy { get; init; }

    public int? Replicas { get; init; }
}

/// <summary>A background stream: its request, on <see cref="Connections"/> (closed) or at <see cref="Rate"/> requests/s (open).</summary>
public sealed record BackgroundDefinition(string Name, string Method, string Path, int? Connections, int? Rate);

/// <summary>A gate as written, and where (file:line:column of its first character), so `bench gate` can point at it from results.json alone.</summary>
public sealed record GateDefinition(string Expression, string Source)
{
    /// <summary>The sentence saying why the gate should hold, shown beside its outcome; null when none was written (and in results written before it existed).</summary>
    public string? Why { get; init; }
}

/// <summary>The request of a scenario and the response that counts as a success.</summary>
public sealed record RequestDefinition(string Method, string Path, IReadOnlyDictionary<string, string> Headers, ExpectDefinition Expect);

/// <summary>The status (and, when given, the exact body) of a successful response.</summary>
public sealed record ExpectDefinition(int Status, string? Body);

/// <summary>
/// The load of a scenario; levels are connections (closed) or requests per second (open). <see cref="Repeats"/> is the
/// fixed count, or with <see cref="AutoRepeats"/> the most a cell may run.
/// </summary>
public sealed record LoadDefinition(
    string Model,
    IReadOnlyList<int> Levels,
    double ThinkMinMs,
    double ThinkMaxMs,
    int? Iterations,
    double RampUpMs,
    int MaxConnections,
    double WarmupMs,
    double DurationMs,
    int Repeats,
    double TimeoutMs,
    double CooldownMs)
{
    /// <summary><c>repeats: auto</c>'s rule; null for a fixed count (and in results written before it existed).</summary>
    public AutoRepeatsDefinition? AutoRepeats { get; init; }
}

/// <summary><c>repeats: auto</c> as run: between Min and Max repeats per cell, until the throughput's 95 % interval is within ±HalfWidthPercent of its mean.</summary>
public sealed record AutoRepeatsDefinition(int Min, int Max, double HalfWidthPercent);
