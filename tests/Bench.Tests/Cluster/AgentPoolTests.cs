using Bench.Cluster;
using Bench.Load;
using Bench.Tests.Support;

namespace Bench.Tests.Cluster;

/// <summary>Levels driven through agents in this process against a real target: the parts add up to exactly what the target served.</summary>
[Collection(nameof(AgentPoolTests))]
[CollectionDefinition(nameof(AgentPoolTests), DisableParallelization = true)]
public sealed class AgentPoolTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static LoadOptions At(int port, string path) => new() { Url = new Uri($"http://127.0.0.1:{port}{path}") };

    [Fact]
    public async Task Two_agents_carry_a_closed_level_and_the_merge_counts_exactly_what_the_target_served()
    {
        await using var server = await RunningTarget.StartAsync("async");
        await using var agents = await LocalAgents.StartAsync(2);
        long before = await TargetInfo.RequestsServedAsync(server.Port, Ct);

        var result = await new AgentPool(agents.Endpoints).RunAsync(
            At(server.Port, "/hello") with { Connections = 5, Iterations = 40, Duration = TimeSpan.FromSeconds(20) }, null, null, Ct);

        long served = await TargetInfo.RequestsServedAsync(server.Port, Ct) - before - 1; // minus the second /info
        Assert.Equal(StopReason.IterationsDone, result.StopReason);
        Assert.Equal(5 * 40, result.Requests);
        Assert.Equal(5 * 40, served);
        Assert.Equal(5 * 40, result.Histogram.TotalCount);
        Assert.Equal([3 * 40, 2 * 40], result.Parts.Select(p => p.Requests));
        Assert.Equal(5, result.ConnectionResponses.Count);
        Assert.Equal(5, result.Fairness!.Connections);
        Assert.Empty(result.GeneratorProblems);
    }

    [Fact]
    public async Task The_window_observer_hears_the_planned_window_and_the_agents_windows_agree()
    {
        await using var server = await RunningTarget.StartAsync("async");
        await using var agents = await LocalAgents.StartAsync(2);
        var observer = new CountingObserver();

        var result = await new AgentPool(agents.Endpoints).RunAsync(
            At(server.Port, "/io?ms=5") with { Connections = 4, Warmup = TimeSpan.FromMilliseconds(300), Duration = TimeSpan.FromSeconds(1) }, null, observer, Ct);

        Assert.Equal(1, observer.Opened);
        Assert.Equal(1, observer.Closed);
        Assert.InRange(observer.WindowSeconds, 0.9, 1.1);
        Assert.Equal(2, result.Parts.Count);
        Assert.All(result.Parts, p => Assert.True(p.Requests > 0, $"{p.Agent} carried nothing"));
        Assert.True(result.GeneratorProblems.Count == 0 || result.Generator.Saturated, string.Join("; ", result.GeneratorProblems));
    }

    [Fact]
    public async Task An_agent_whose_clock_is_ten_seconds_ahead_starts_with_the_others()
    {
        await using var server = await RunningTarget.StartAsync("async");
        await using var agents = await LocalAgents.StartAsync(2, i => i == 1 ? new ShiftedClock(TimeSpan.FromSeconds(10)) : TimeProvider.System);

        var result = await new AgentPool(agents.Endpoints).RunAsync(
            At(server.Port, "/io?ms=5") with { Connections = 2, Duration = TimeSpan.FromSeconds(1) }, null, null, Ct);

        var ahead = result.Parts[1];
        Assert.InRange(ahead.ClockOffsetMs, 9_900, 10_100);
        Assert.InRange(Math.Abs(ahead.WindowSkewMs - result.Parts[0].WindowSkewMs), 0, 20); // 2 % of the window
        Assert.DoesNotContain(result.GeneratorProblems, p => p.Contains("disagree", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_agent_that_does_not_answer_leaves_the_pool_and_makes_the_level_invalid_while_the_others_measure()
    {
        await using var server = await RunningTarget.StartAsync("async");
        await using var agents = await LocalAgents.StartAsync(1);
        var gone = new AgentEndpoint("gone", System.Net.IPAddress.Loopback, Bench.Launch.FreePort.Find(), LocalAgents.Token);
        var pool = new AgentPool([agents.Endpoints[0], gone]);

        var result = await pool.RunAsync(At(server.Port, "/hello") with { Connections = 2, Iterations = 10, Duration = TimeSpan.FromSeconds(10) }, null, null, Ct);

        Assert.Equal(2 * 10, result.Requests); // the one left carried the whole level
        Assert.Contains(result.GeneratorProblems, p => p.StartsWith("agent gone", StringComparison.Ordinal));
        Assert.Equal([agents.Endpoints[0]], pool.Agents);
    }

    [Fact]
    public async Task A_pool_with_no_agent_left_says_so_rather_than_measure_nothing()
    {
        var pool = new AgentPool([new AgentEndpoint("gone", System.Net.IPAddress.Loopback, Bench.Launch.FreePort.Find(), LocalAgents.Token)]);

        var e = await Assert.ThrowsAsync<AgentException>(() => pool.RunAsync(At(8080, "/hello"), null, null, Ct));

        Assert.Contains("no agent left", e.Message, StringComparison.Ordinal);
    }

    private sealed class ShiftedClock(TimeSpan shift) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + shift;
    }

    private sealed class CountingObserver : IWindowObserver
    {
        private long _openedAt;

        public int Opened { get; private set; }

        public int Closed { get; private set; }

        public double WindowSeconds { get; private set; }

        public TimeSpan OwnCpu => TimeSpan.Zero;

        public Task OpenedAsync(long timestamp, CancellationToken cancellationToken)
        {
            Opened++;
            _openedAt = timestamp;
            return Task.CompletedTask;
        }

        public Task ClosedAsync(long timestamp, CancellationToken cancellationToken)
        {
            Closed++;
            WindowSeconds = (timestamp - _openedAt) / (double)System.Diagnostics.Stopwatch.Frequency;
            return Task.CompletedTask;
        }
    }
}
