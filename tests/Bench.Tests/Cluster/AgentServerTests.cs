using Bench.Cluster;
using Bench.Load;
using Bench.Tests.Support;

namespace Bench.Tests.Cluster;

public sealed class AgentServerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_command_with_the_wrong_token_is_refused()
    {
        await using var agents = await LocalAgents.StartAsync(1);
        var stranger = new AgentClient(agents.Endpoints[0] with { Token = "not-the-token-at-all" });

        var e = await Assert.ThrowsAsync<AgentException>(() => stranger.ClockAsync(1, Ct));

        Assert.Contains("refused: wrong token", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_share_aimed_beyond_loopback_and_the_allowed_hosts_is_refused_by_the_agent_itself()
    {
        await using var agents = await LocalAgents.StartAsync(1);
        var share = new AgentShare(new LoadOptions { Url = new Uri("http://192.0.2.10:80/") }, DateTimeOffset.UtcNow);

        var e = await Assert.ThrowsAsync<AgentException>(() => new AgentClient(agents.Endpoints[0]).RunAsync(share, DateTimeOffset.UtcNow, Ct));

        Assert.Contains("refusing to send load to '192.0.2.10'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_start_instant_a_minute_away_is_refused_as_clocks_apart()
    {
        await using var agents = await LocalAgents.StartAsync(1);
        var share = new AgentShare(new LoadOptions { Url = new Uri("http://127.0.0.1:9/") }, DateTimeOffset.UtcNow.AddMinutes(5));

        var e = await Assert.ThrowsAsync<AgentException>(() => new AgentClient(agents.Endpoints[0]).RunAsync(share, DateTimeOffset.UtcNow, Ct));

        Assert.Contains("are the clocks apart?", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_controller_that_hangs_up_stops_the_agents_run()
    {
        await using var server = await RunningTarget.StartAsync("async");
        await using var agents = await LocalAgents.StartAsync(1);
        using var hangUp = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var share = new AgentShare(new LoadOptions { Url = new Uri($"http://127.0.0.1:{server.Port}/io?ms=2"), Connections = 4, Duration = TimeSpan.FromSeconds(60) }, DateTimeOffset.UtcNow);

        var run = new AgentClient(agents.Endpoints[0]).RunAsync(share, DateTimeOffset.UtcNow, hangUp.Token);
        await Task.Delay(TimeSpan.FromMilliseconds(500), Ct);
        await hangUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);

        // Within a second of the hang-up the target sees no more load (the 60 s run would still be going).
        await Task.Delay(TimeSpan.FromSeconds(1), Ct);
        long first = await TargetInfo.RequestsServedAsync(server.Port, Ct);
        await Task.Delay(TimeSpan.FromMilliseconds(500), Ct);
        long second = await TargetInfo.RequestsServedAsync(server.Port, Ct);
        Assert.Equal(first + 1, second); // only the /info itself
    }

    [Fact]
    public void Listening_beyond_loopback_needs_a_token_of_sixteen_characters()
    {
        var anywhere = new System.Net.IPEndPoint(System.Net.IPAddress.Any, 7450);

        Assert.Contains("needs $BENCH_AGENT_TOKEN", AgentServer.Problem(anywhere, null), StringComparison.Ordinal);
        Assert.NotNull(AgentServer.Problem(anywhere, "short"));
        Assert.Null(AgentServer.Problem(anywhere, "0123456789abcdef"));
        Assert.Null(AgentServer.Problem(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 7450), null));
    }
}
