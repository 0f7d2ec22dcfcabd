using Bench.Queueing;
using Bench.Results;

namespace Bench.Reports;

/// <summary>
/// A scenario as the report shows it: its targets in the scenario's order, its levels ascending, one
/// <see cref="TargetLevel"/> per target × level, and for closed scenarios each target's queueing model.
/// </summary>
public sealed class ScenarioView
{
    private readonly Dictionary<(string Target, int Level), TargetLevel> _cells;

    private ScenarioView(ScenarioResults scenario, IReadOnlyList<string> targets, IReadOnlyList<int> levels, Dictionary<(string, int), TargetLevel> cells, double cores)
    {
        Scenario = scenario;
        Targets = targets;
        Levels = levels;
        _cells = cells;
        Models = IsClosed ? targets.Select(t => ModelOf(t, cores)).ToArray() : [];
    }

    public ScenarioResults Scenario { get; }

    public string Name => Scenario.Name;

    public bool IsClosed => Scenario.Definition.Load.Model != "open";

    /// <summary>Targets with at least one measured level.</summary>
    public IReadOnlyList<string> Targets { get; }

    public IReadOnlyList<int> Levels { get; }

    public IReadOnlyList<TargetModel> Models { get; }

    /// <summary>Mean think time Z in milliseconds (a range thinks its middle on average).</summary>
    public double ThinkMs => (Scenario.Definition.Load.ThinkMinMs + Scenario.Definition.Load.ThinkMaxMs) / 2;

    /// <summary>What a level counts: connections in a closed scenario, requests per second offered in an open one.</summary>
    public string LevelUnit => IsClosed ? "connections" : "offered requests/s";

    /// <summary>A level with its unit: "1 connection", "64 connections", "400 requests/s offered".</summary>
    public string LevelText(int level) =>
        IsClosed ? $"{Format.Number(level)} connection{(level == 1 ? "" : "s")}" : $"{Format.Number(level)} requests/s offered";

    public static ScenarioView From(ScenarioResults scenario, RunInfo run)
    {
        var cells = scenario.Results
            .GroupBy(r => (r.Target, r.Level))
            .ToDictionary(g => g.Key, g => new TargetLevel(g.Key.Target, g.Key.Level, g.OrderBy(r => r.Repeat).ToArray()));
        var measured = cells.Keys.Select(k => k.Target).ToHashSet();
        // The scenario's order first (it is how its author lists them), then any target only the results name.
        var targets = scenario.Definition.Targets.Where(measured.Contains)
            .Concat(scenario.Results.Select(r => r.Target).Where(t => !scenario.Definition.Targets.Contains(t)))
            .Distinct().ToArray();
        var levels = cells.Keys.Select(k => k.Level).Distinct().Order().ToArray();
        return new ScenarioView(scenario, targets, levels, cells, TargetCores.Of(run, scenario.Definition));
    }

    public TargetLevel? Cell(string target, int level) => _cells.GetValueOrDefault((target, level));

    /// <summary>The cell's throughput interval over its repeats in words (<see cref="IntervalNote"/>), or null.</summary>
    public string? IntervalNoteOf(string target, int level) =>
        IntervalNote.Of(Scenario.Intervals.FirstOrDefault(c => c.Target == target && c.Level == level), Scenario.Definition.Load.AutoRepeats);

    /// <summary>The target's levels, ascending; <paramref name="trustedOnly"/> leaves out invalid and saturated ones.</summary>
    public IReadOnlyList<TargetLevel> Row(string target, bool trustedOnly = false) =>
        Levels.Select(l => Cell(target, l)).OfType<TargetLevel>().Where(c => !trustedOnly || c.Trusted).ToArray();

    public TargetModel? ModelFor(string target) => Models.FirstOrDefault(m => m.Target == target);

    private TargetModel ModelOf(string target, double cores)
    {
        if (Cell(target, 1) is not { } first)
        {
            return new TargetModel(target, null, "level 1 was not measured, and the model starts from it");
        }

        if (!first.Trusted)
        {
            return new TargetModel(target, null, "level 1 is invalid, and the model starts from it");
        }

        var trusted = Row(target, trustedOnly: true);
        double cpuMs = trusted.Select(c => c.CpuMsPerRequest).OfType<double>().Where(ms => ms > 0).DefaultIfEmpty(0).Min();
        int? limit = Scenario.Verification.FirstOrDefault(v => v.Target == target)?.ConcurrencyLimit;
        var model = first.MeanMs is { } meanMs && QueueingModel.From(meanMs, ThinkMs, cpuMs, cores) is { } fitted ? fitted with { ConcurrencyLimit = limit } : null;
        var fit = model is null ? null : ModelFit.Of(model, trusted.Select(c => (c.Level, c.ThroughputRps)));
        return fit is null
            ? new TargetModel(target, null, "level 1 measured no latency")
            : new TargetModel(target, fit, null);
    }
}
