using Bench.Cluster;

namespace Bench.Tests.Cluster;

public sealed class WindowAgreementTests
{
    private static readonly DateTimeOffset T = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);

    private static DateTimeOffset Ms(double ms) => T + TimeSpan.FromMilliseconds(ms);

    [Fact]
    public void Windows_within_two_percent_of_the_window_agree()
    {
        Assert.Null(WindowAgreement.Problem([Ms(0), Ms(90)], [Ms(5000), Ms(5090)], TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public void Openings_further_apart_make_the_level_disagree_and_say_by_how_much()
    {
        string? problem = WindowAgreement.Problem([Ms(0), Ms(150)], [Ms(5000), Ms(5000)], TimeSpan.FromSeconds(5));

        Assert.Equal("the agents' windows disagree by 150 ms (more than 100 ms: 2 % of the 5 s window, at least 25 ms)", problem);
    }

    [Fact]
    public void Closings_further_apart_disagree_too()
    {
        Assert.NotNull(WindowAgreement.Problem([Ms(0), Ms(0)], [Ms(1000), Ms(1300)], TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void A_short_window_still_allows_one_busy_time_slice()
    {
        Assert.Null(WindowAgreement.Problem([Ms(0), Ms(24)], [Ms(500), Ms(524)], TimeSpan.FromMilliseconds(500)));
        Assert.NotNull(WindowAgreement.Problem([Ms(0), Ms(26)], [Ms(500), Ms(526)], TimeSpan.FromMilliseconds(500)));
    }

    [Fact]
    public void One_agent_always_agrees_with_itself()
    {
        Assert.Null(WindowAgreement.Problem([Ms(0)], [Ms(9000)], TimeSpan.FromSeconds(1)));
    }
}
