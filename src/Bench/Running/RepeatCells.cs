using Bench.Results;
using Bench.Scenarios;

namespace Bench.Running;

/// <summary>
/// The repeats of one scenario's cells as the sweep goes: which levels of a target still need a repeat, and each
/// cell's interval after each of its repeats. With a fixed count every cell runs every round; with
/// <c>repeats: auto</c> a cell leaves the rounds once <see cref="RepeatRule"/> says it is done.
/// </summary>
public sealed class RepeatCells(LoadProfile load)
{
    private readonly RepeatRule? _rule = load.AutoRepeats is { } auto ? RepeatRule.For(auto) : null;
    private readonly Dictionary<(string Target, int Level), Cell> _cells = [];

    /// <summary>The levels of <paramref name="target"/> that take part in the next round, in the scenario's order.</summary>
    public IReadOnlyList<int> Pending(string target) =>
        load.Levels.Where(level => !_cells.TryGetValue((target, level), out var cell) || cell.Decision == RepeatDecision.Continue).ToArray();

    /// <summary>Counts one repeat of its cell and returns the cell's interval so far.</summary>
    public CellInterval Add(LevelResult result)
    {
        if (!_cells.TryGetValue((result.Target, result.Level), out var cell))
        {
            cell = new Cell();
            _cells[(result.Target, result.Level)] = cell;
        }

        cell.Runs++;
        if (result.Valid && !result.Generator.Saturated)
        {
            cell.Counted.Add(result.ThroughputRps);
        }

        cell.Decision = _rule?.Decide(cell.Runs, cell.Counted) ?? RepeatDecision.Continue;
        var interval = ConfidenceInterval.Of95(cell.Counted);
        return new CellInterval(
            result.Target, result.Level, cell.Runs, interval.N, interval.Mean, interval.HalfWidth, _rule is null ? null : cell.Decision == RepeatDecision.Converged);
    }

    private sealed class Cell
    {
        public int Runs { get; set; }

        public List<double> Counted { get; } = [];

        public RepeatDecision Decision { get; set; } = RepeatDecision.Continue;
    }
}
