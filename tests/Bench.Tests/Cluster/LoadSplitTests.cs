using Bench.Cluster;
using Bench.Load;

namespace Bench.Tests.Cluster;

public sealed class LoadSplitTests
{
    private static readonly LoadOptions Closed = new() { Url = new Uri("http://127.0.0.1:8080/hello"), Connections = 10, Cpus = 1, Workers = 2 };

    [Fact]
    public void Closed_connections_are_split_evenly_and_numbered_on_across_agents()
    {
        var shares = LoadSplit.Split(Closed, 3);

        Assert.Equal([4, 3, 3], shares.Select(s => s.Connections));
        Assert.Equal([0, 4, 7], shares.Select(s => s.FirstConnection));
        Assert.All(shares, s => Assert.Null(s.Cpus)); // each agent uses its own host's cores
        Assert.All(shares, s => Assert.Null(s.Workers));
    }

    [Fact]
    public void With_fewer_connections_than_agents_only_as_many_agents_carry_the_level()
    {
        var shares = LoadSplit.Split(Closed with { Connections = 2 }, 5);

        Assert.Equal([1, 1], shares.Select(s => s.Connections));
    }

    [Fact]
    public void Iterations_and_think_time_stay_per_connection()
    {
        var shares = LoadSplit.Split(Closed with { Iterations = 7, Think = ThinkTime.Fixed(TimeSpan.FromMilliseconds(5)) }, 2);

        Assert.All(shares, s => Assert.Equal(7, s.Iterations));
        Assert.Equal(10 * 7, shares.Sum(s => s.Connections * s.Iterations!.Value));
    }

    [Fact]
    public void The_open_rate_stages_and_connection_limit_are_divided_among_all_agents()
    {
        var open = new LoadOptions
        {
            Url = new Uri("http://127.0.0.1:8080/hello"),
            Model = LoadModel.Open,
            Rate = 900,
            Stages = [new RateStage(TimeSpan.FromSeconds(2), 1800)],
            MaxConnections = 100,
        };

        var shares = LoadSplit.Split(open, 3);

        Assert.Equal(3, shares.Count);
        Assert.All(shares, s => Assert.Equal(300, s.Rate));
        Assert.All(shares, s => Assert.Equal(600, s.Stages.Single().TargetRate));
        Assert.Equal(100, shares.Sum(s => s.MaxConnections!.Value));
        Assert.All(shares, s => Assert.Empty(s.Validate()));
    }
}
