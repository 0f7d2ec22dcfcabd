using Bench.Cluster;
using Bench.Launch.Sampling;
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
    public async Task An_agent_given_a_proc_samples_a_process_tree_from_start_to_stop_as_a_local_sampler_does()
    {
        await using var server = await RunningTarget.StartAsync("async");
        await using var agents = await LocalAgents.StartAsync(1, procFs: ProcFs.System);
        var client = new AgentClient(agents.Endpoints[0]);

        await using var sampling = await client.SampleAsync(server.Pid, Ct);
        for (int i = 0; i < 50; i++)
        {
            await TargetInfo.RequestsServedAsync(server.Port, Ct);
        }

        await Task.Delay(TimeSpan.FromMilliseconds(300), Ct);
        var usage = await sampling.StopAsync(Ct);

        Assert.True(usage.Samples >= 3 && usage.CpuSeconds > 0 && usage.PeakRssBytes > 10_000_000 && usage.MaxThreads > 1, usage.ToString());
        Assert.True(usage.VoluntaryContextSwitches > 0 && usage.Window >= TimeSpan.FromMilliseconds(300), usage.ToString());
        Assert.Null(usage.Container);
        Assert.Contains($"sampling process {server.Pid} in /proc", agents.Log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sampling_is_refused_by_an_agent_without_a_proc_and_for_a_process_that_does_not_exist()
    {
        await using var plain = await LocalAgents.StartAsync(1);
        await using var sampling = await LocalAgents.StartAsync(1, procFs: ProcFs.System);

        var without = await Assert.ThrowsAsync<AgentException>(() => new AgentClient(plain.Endpoints[0]).SampleAsync(Environment.ProcessId, Ct));
        var missing = await Assert.ThrowsAsync<AgentException>(() => new AgentClient(sampling.Endpoints[0]).SampleAsync(int.MaxValue, Ct));

        Assert.Contains("refused: this agent reads no /proc: start it with --proc", without.Message, StringComparison.Ordinal);
        Assert.Contains($"refused: no process {int.MaxValue} in /proc", missing.Message, StringComparison.Ordinal);
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
