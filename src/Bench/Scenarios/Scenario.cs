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
