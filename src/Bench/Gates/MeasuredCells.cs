using Bench.Results;

namespace Bench.Gates;

/// <summary>The cells of one scenario's results, by target and level, with what makes each invalid.</summary>
public sealed class MeasuredCells(ScenarioResults scenario)
{
    private readonly ILookup<(string Target, int Level), LevelResult> _results = scenario.Results.ToLookup(r => (r.Target, r.Level));

    public ScenarioResults Scenario { get; } = scenario;

    /// <summary>Every target × level the scenario asked for, in its order.</summary>
    public IEnumerable<MeasuredCell> All =>
        Scenario.Definition.Targets.SelectMany(t => Scenario.Definition.Load.Levels.Select(l => Find(t, l)));

    public MeasuredCell Find(string target, int level)
    {
        var repeats = _results[(target, level)].OrderBy(r => r.Repeat).ToArray();
        var problems = new List<string>();
        if (Scenario.Verification.FirstOrDefault(v => v.Target == target) is { Valid: false } failed)
        {
            problems.Add($"{target} failed verification: {failed.Reason}");
        }
        else if (repeats.Length == 0)
        {
            problems.Add($"{target}@{level} was not measured");
        }

        problems.AddRange(repeats.Where(r => !r.Valid).Select(r => $"{target}@{level} repeat {r.Repeat} is invalid: {r.InvalidReason}"));
        return new MeasuredCell(target, level, repeats, problems);
    }
}
