using Bench.Gates.Syntax;
using Bench.Results;

namespace Bench.Gates.Baselines;

/// <summary>
/// Makes baselines from a run. A baseline is a reference, so only a run valid throughout may make one: finished with
/// every planned repeat (<see cref="RunCompleteness"/>), every target verified, every level of every repeat valid;
/// otherwise <see cref="Problems"/> says why and nothing is made.
/// </summary>
public static class BaselineBuilder
{
    public static IReadOnlyList<string> Problems(RunResults run)
    {
        var problems = new List<string>(RunCompleteness.Problems(run));

        foreach (var scenario in run.Scenarios)
        {
            problems.AddRange(new MeasuredCells(scenario).All.SelectMany(c => c.Problems).Distinct().Select(p => $"{scenario.Name}: {p}"));
        }

        return problems;
    }

    public static Baseline From(RunResults run, ScenarioResults scenario, DateTimeOffset createdAt)
    {
        var definition = scenario.Definition;
        var entries = new MeasuredCells(scenario).All
            // A metric a cell does not have (no latency without a success, no fairness in the open model) is null: a
            // regression gate on it is invalid with that reason, not an "update the baseline" input error.
            .Select(cell => new BaselineEntry(cell.Target, cell.Level, GateMetrics.All.ToDictionary(GateMetrics.Name, cell.Stats)))
            .ToArray();
        return new Baseline(
            Baseline.CurrentSchemaVersion,
            scenario.Name,
            RequestOf(definition),
            definition.Load.Model,
            createdAt,
            new BaselineOrigin(run.Run.BenchCommit, run.Run.StartedAt, run.Run.Machine, run.Run.Pinning),
            entries);
    }

    /// <summary>"GET /io?ms=20": a baseline of another request measures something else.</summary>
    public static string RequestOf(ScenarioDefinition definition) => $"{definition.Request.Method} {definition.Request.Path}";
}
