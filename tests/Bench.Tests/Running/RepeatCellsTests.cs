using Bench.Results;
using Bench.Running;
using Bench.Scenarios;
using Bench.Tests.Support;

namespace Bench.Tests.Running;

/// <summary>Which cells take part in the next round: all of them with a fixed count; with auto, those not yet done.</summary>
public sealed class RepeatCellsTests
{
    private static LoadProfile Load(string repeats) => Assert.Single(new ScenarioLoader(FixtureCatalog.Models()).Parse($$"""
        name: cells
        description: test
        targets: [sync, async]
        request: { path: /hello }
        load: { levels: [1, 4], repeats: {{repeats}} }
        """, "cells.yaml")).Load;

    private static LevelResult Level(string target, int level, int repeat, double rps, bool valid = true) =>
        SampleResults.Level(target, level, repeat, rps, valid);

    [Fact]
    public void Given_a_fixed_count_then_every_level_runs_every_round_and_nothing_converges()
    {
        var cells = new RepeatCells(Load("3"));

        var intervals = new[] { 100.0, 100, 100 }.Select((rps, i) => cells.Add(Level("async", 1, i + 1, rps))).ToArray();

        Assert.Equal([1, 4], cells.Pending("async"));
        Assert.All(intervals, i => Assert.Null(i.Converged));
        Assert.Equal(new CellInterval("async", 1, 3, 3, 100, 0, null), intervals[^1]);
    }

    [Fact]
    public void Given_auto_when_a_cell_converges_then_it_leaves_the_rounds_while_the_others_stay()
    {
        var cells = new RepeatCells(Load("auto"));

        var first = cells.Add(Level("async", 1, 1, 1000));
        cells.Add(Level("async", 1, 2, 1010));
        var third = cells.Add(Level("async", 1, 3, 990));
        cells.Add(Level("async", 4, 1, 1000));

        Assert.Equal(new CellInterval("async", 1, 1, 1, 1000, null, false), first);
        Assert.Equal((3, 3, true), (third.Runs, third.N, third.Converged));
        Assert.Equal(1000, third.MeanRps, 9);
        Assert.Equal(4.303 * 10 / Math.Sqrt(3), third.HalfWidthRps!.Value, 9);
        Assert.Equal([4], cells.Pending("async"));
        Assert.Equal([1, 4], cells.Pending("sync"));
    }

    [Fact]
    public void Given_auto_when_a_cell_reaches_its_maximum_without_converging_then_it_is_done_and_not_converged()
    {
        var cells = new RepeatCells(Load("{ auto: true, max: 4 }"));

        CellInterval last = null!;
        foreach (var (rps, repeat) in new[] { 100.0, 150, 60, 120 }.Select((r, i) => (r, i + 1)))
        {
            last = cells.Add(Level("sync", 4, repeat, rps));
        }

        Assert.Equal((4, false), (last.Runs, last.Converged));
        Assert.Equal([1], cells.Pending("sync"));
    }

    [Fact]
    public void An_invalid_repeat_is_run_but_left_out_of_the_interval()
    {
        var cells = new RepeatCells(Load("auto"));

        cells.Add(Level("async", 1, 1, 1000));
        cells.Add(Level("async", 1, 2, 5, valid: false));
        var third = cells.Add(Level("async", 1, 3, 1000));

        Assert.Equal((3, 2, 1000.0, false), (third.Runs, third.N, third.MeanRps, third.Converged));
        Assert.Equal([1, 4], cells.Pending("async"));
    }
}
