using Bench.Load;

namespace Bench.Tests.Load;

public sealed class ConnectionFairnessTests
{
    [Fact]
    public void Even_service_is_perfectly_fair_and_starves_nobody()
    {
        var fairness = ConnectionFairness.Of([10, 10, 10, 10]);

        Assert.Equal(0, fairness.Starved);
        Assert.Equal(1.0, fairness.JainIndex!.Value, 12);
    }

    [Fact]
    public void One_connection_served_and_the_rest_starved_gives_one_over_n()
    {
        // sync at 256 connections: one user gets everything, 255 get nothing.
        long[] responses = [5000, .. new long[255]];

        var fairness = ConnectionFairness.Of(responses);

        Assert.Equal(256, fairness.Connections);
        Assert.Equal(255, fairness.Starved);
        Assert.Equal(1.0 / 256, fairness.JainIndex!.Value, 12);
    }

    [Fact]
    public void Jains_index_of_uneven_shares_follows_its_formula()
    {
        // (1 + 2 + 3)² / (3 · (1 + 4 + 9)) = 36 / 42
        Assert.Equal(36.0 / 42, ConnectionFairness.Of([1, 2, 3]).JainIndex!.Value, 12);
    }

    [Fact]
    public void Nothing_answered_has_no_fairness_index_and_every_connection_starved()
    {
        var fairness = ConnectionFairness.Of([0, 0, 0]);

        Assert.Equal(3, fairness.Starved);
        Assert.Null(fairness.JainIndex);
    }
}
