using Bench.Results;

namespace Bench.Gates;

/// <summary>
/// Whether a run is whole enough to gate on or to make a baseline from: it finished (run.endedAt, written only on
/// normal completion) and every cell (target × level) of a verified target has the repeats its scenario planned.
/// A target that failed verification is not incomplete: its gates say so one by one.
/// </summary>
public static class RunCompleteness
{
    public const string Unfinished = "the run did not finish (results.json has no run.endedAt)";

    /// <summary>
    /// How many repeats a cell was planned to have: THE one place gating decides it, delegating to the results' own
    /// rule (<see cref="ScenarioResults.PlannedRepeats"/>: the fixed <c>load.repeats</c>; with <c>repeats: auto</c>, the
    /// count at which the cell converged, else the maximum).
    /// </summary>
    public static int PlannedRepeats(ScenarioResults scenario, string target, int level) => scenario.PlannedRepeats(target, level);

    /// <summary>Every reason the run is not whole, in the scenarios' order; empty when it is.</summary>
    public static IReadOnlyList<string> Problems(RunResults run)
    {
        var problems = new List<string>();
        if (run.Run.EndedAt is null)
        {
            problems.Add(Unfinished);
        }

        foreach (var scenario in run.Scenarios)
        {
            var definition = scenario.Definition;
            foreach (string target in definition.Targets.Where(t => !scenario.Verification.Any(v => v.Target == t && !v.Valid)))
            {
                foreach (int level in definition.Load.Levels)
                {
                    int planned = PlannedRepeats(scenario, target, level);
                    int done = scenario.Results.Where(r => r.Target == target && r.Level == level).Select(r => r.Repeat).Distinct().Count();
                    if (done < planned)
                    {
                        problems.Add($"{scenario.Name}: {target}@{level} has {done} of {planned} planned repeat(s)");
                    }
                }
            }
        }

        return problems;
    }

    /// <summary>The problems on one line: the first three, and how many more.</summary>
    public static string OneLine(IReadOnlyList<string> problems) =>
        string.Join("; ", problems.Take(3)) + (problems.Count > 3 ? $" (and {problems.Count - 3} more)" : "");
}
