using Bench.Configuration;

namespace Bench.Scenarios;

/// <summary>
/// One experiment: which targets get which request under which load, and the gates its results must pass.
/// Loaded from YAML by <see cref="ScenarioLoader"/>, fully validated: every value here is usable as is.
/// </summary>
public sealed record Scenario(
    string Name,
    string Description,
    IReadOnlyList<string> Targets,
    ScenarioRequest Request,
    LoadProfile Load,
    IReadOnlyList<ScenarioGate> Gates,
    SourceLocation Source)
{
    /// <summary>Where this scenario's targets run, when not where the run puts them; null keeps the run's placement.</summary>
    public ScenarioPlacement? Placement { get; init; }

    /// <summary>
    /// The slogan a lesson puts to the test ("async is faster for I/O-bound work"); its gates say what must be
    /// measured for it to hold. A scenario with a claim has its place on the report's Lessons page; null for others.
    /// </summary>
    public string? Claim { get; init; }

    /// <summary>Micro benchmarks (Class.Method) whose cost the lesson depends on: the Lessons page cites them when the run has micro results.</summary>
    public IReadOnlyList<string> Cites { get; init; } = [];

    /// <summary>The chess simul the scenario plays (its request and load are made from it); null for others.</summary>
    public Simul? Simul { get; init; }

    /// <summary>Targets of <see cref="Targets"/> that are a catalogue entry under another name, by that name.</summary>
    public IReadOnlyDictionary<string, TargetVariant> Variants { get; init; } = new Dictionary<string, TargetVariant>();

    /// <summary>Background streams sent in every level's window beside <see cref="Request"/>; none by default.</summary>
    public IReadOnlyList<Background> Background { get; init; } = [];

    /// <summary>The catalogue entry launched for <paramref name="target"/>: itself, or the entry it is a variant of.</summary>
    public string CatalogueTarget(string target) => Variants.TryGetValue(target, out var variant) ? variant.Target : target;

    /// <summary>The request <paramref name="target"/> is measured on: the scenario's, with a variant's own path.</summary>
    public ScenarioRequest RequestOf(string target) =>
        Variants.TryGetValue(target, out var variant) && variant.Path is { } path ? Request with { Path = path } : Request;

    /// <summary>The background streams <paramref name="target"/> gets, with a variant's own paths.</summary>
    public IReadOnlyList<Background> BackgroundOf(string target) =>
        Variants.TryGetValue(target, out var variant)
            ? Background.Select(s => variant.BackgroundPaths.TryGetValue(s.Name, out var path) ? s.WithPath(path) : s).ToArray()
            : Background;

    /// <summary>
    /// How long the sweep itself takes (warm-ups, measurements and cool-downs of every target, level and repeat),
    /// without starting and verifying targets: what a file's author budgets against. With <c>repeats: auto</c> every
    /// cell is counted at its maximum: an upper bound (<see cref="SweepTimeIsUpperBound"/>).
    /// </summary>
    public TimeSpan EstimatedSweepTime
    {
        get
        {
            int runsPerTarget = Load.Levels.Count * Load.Repeats;
            var perTarget = ((Load.Warmup + Load.Duration) * runsPerTarget) + (Load.Cooldown * (runsPerTarget - 1));
            return perTarget * Targets.Count;
        }
    }

    /// <summary>True when cells may stop repeating early (<c>repeats: auto</c>): the sweep takes up to <see cref="EstimatedSweepTime"/>.</summary>
    public bool SweepTimeIsUpperBound => Load.AutoRepeats is not null;
}
