using Bench.Cluster;

namespace Bench.Tests.Cluster;

public sealed class ClockSampleTests
{
    private static readonly DateTimeOffset T = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_offset_is_the_agents_time_minus_the_round_trips_midpoint()
    {
        var sample = ClockSample.From(T, T + TimeSpan.FromMilliseconds(505), T + TimeSpan.FromMilliseconds(10));

        Assert.Equal(TimeSpan.FromMilliseconds(500), sample.Offset);
        Assert.Equal(TimeSpan.FromMilliseconds(10), sample.RoundTrip);
    }

    [Fact]
    public void The_best_sample_is_the_one_with_the_shortest_round_trip()
    {
        var best = ClockSample.Best([new(TimeSpan.FromMilliseconds(40), TimeSpan.FromMilliseconds(80)), new(TimeSpan.FromMilliseconds(2), TimeSpan.FromMilliseconds(1))]);

        Assert.Equal(TimeSpan.FromMilliseconds(2), best.Offset);
    }
}
