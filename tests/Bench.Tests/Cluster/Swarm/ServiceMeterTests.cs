using System.Collections.Concurrent;
using Bench.Cluster;
using Bench.Cluster.Swarm;
using Bench.Launch.Sampling;
using Bench.Tests.Support;

namespace Bench.Tests.Cluster.Swarm;

/// <summary>A swarm target's meter without a swarm: the sampling agent is a local one, the engine's stats absent (as for a node Bench has no engine for).</summary>
public sealed class ServiceMeterTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_processes_come_from_the_sampling_agent_over_the_window()
    {
        await using var server = await RunningTarget.StartAsync("async");
        await using var agents = await LocalAgents.StartAsync(1, procFs: ProcFs.System);
        var notes = new ConcurrentQueue<string>();
        await using var meter = new ServiceMeter(null, token => new AgentClient(agents.Endpoints[0]).SampleAsync(server.Pid, token), TimeProvider.System, notes.Enqueue);

        await meter.OpenAsync(Ct);
        await Task.Delay(TimeSpan.FromMilliseconds(600), Ct);
        var usage = await meter.StopAsync(Ct);

        Assert.Empty(notes);
        Assert.True(usage.Samples >= 2 && usage.PeakRssBytes > 10_000_000 && usage.MaxThreads > 1, usage.ToString());
        Assert.Null(usage.Container);
        Assert.Same(usage, await meter.StopAsync(Ct));
    }

    [Fact]
    public async Task A_sampling_agent_that_cannot_be_reached_is_said_once_and_leaves_nothing_measured_without_engine_stats()
    {
        await using var agents = await LocalAgents.StartAsync(1, procFs: ProcFs.System);
        var gone = agents.Endpoints[0] with { Port = Bench.Launch.FreePort.Find() };
        var notes = new ConcurrentQueue<string>();
        await using var meter = new ServiceMeter(null, token => new AgentClient(gone).SampleAsync(Environment.ProcessId, token), TimeProvider.System, notes.Enqueue);

        await meter.OpenAsync(Ct);
        var usage = await meter.StopAsync(Ct);

        Assert.Same(ResourceUsage.None, usage);
        Assert.StartsWith("its processes are not sampled from /proc this level, only its engine's stats are read: agent agent 1 (127.0.0.1:", Assert.Single(notes), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sampling_agent_lost_before_the_window_closes_is_said_and_the_window_keeps_what_remains()
    {
        var agents = await LocalAgents.StartAsync(1, procFs: ProcFs.System);
        var notes = new ConcurrentQueue<string>();
        await using var meter = new ServiceMeter(null, token => new AgentClient(agents.Endpoints[0]).SampleAsync(Environment.ProcessId, token), TimeProvider.System, notes.Enqueue);

        await meter.OpenAsync(Ct);
        await agents.DisposeAsync();
        var usage = await meter.StopAsync(Ct);

        Assert.Same(ResourceUsage.None, usage);
        Assert.Contains("its processes' /proc readings were lost this level", Assert.Single(notes), StringComparison.Ordinal);
    }
}
