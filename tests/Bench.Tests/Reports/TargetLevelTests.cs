using Bench.Reports;
using Bench.Tests.Support;

namespace Bench.Tests.Reports;

/// <summary>Repeats combined as summary.md combines them: medians of the trustworthy ones, the others named.</summary>
public sealed class TargetLevelTests
{
    [Fact]
    public void Numbers_are_medians_of_the_valid_repeats_and_the_invalid_ones_are_named()
    {
        var cell = new TargetLevel("async", 64, [
            SampleResults.Level("async", 64, 1, 3000),
            SampleResults.Level("async", 64, 2, 9000, valid: false),
            SampleResults.Level("async", 64, 3, 3200),
        ]);

        Assert.True(cell.Trusted);
        Assert.Equal(3100, cell.ThroughputRps);
        Assert.Equal(["repeat 2: the generator's core was saturated"], cell.Problems);
        Assert.Equal(2, cell.Counted.Count);
        Assert.Equal(0, cell.ErrorRate);
    }

    [Fact]
    public void A_level_without_a_valid_repeat_keeps_its_numbers_but_is_not_trusted()
    {
        var saturated = SampleResults.Level("sync", 256, 1, 40) with { Generator = new(1, Saturated: true) };
        var cell = new TargetLevel("sync", 256, [saturated]);

        Assert.False(cell.Trusted);
        Assert.Equal(40, cell.ThroughputRps);
        Assert.Equal([TargetLevel.SaturatedReason], cell.Problems);
    }

    [Fact]
    public void The_error_rate_counts_errors_against_everything_attempted()
    {
        var level = SampleResults.Level("sync", 64, 1, 10) with { Requests = 75, ErrorCount = 25 };

        Assert.Equal(0.25, new TargetLevel("sync", 64, [level]).ErrorRate);
    }
}
