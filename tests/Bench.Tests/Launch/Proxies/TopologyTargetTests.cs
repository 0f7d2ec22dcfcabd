using Bench.Launch;
using Bench.Launch.Docker;
using Bench.Launch.Proxies;
using Bench.Launch.Sampling;
using Bench.Launch.Verification;
using Bench.Running;
using Bench.Tests.Support;

namespace Bench.Tests.Launch.Proxies;

/// <summary>
/// A proxy in front of replicas as a run starts it: the real nginx and haproxy of the catalogue's <c>proxies:</c> in
/// front of real targets, started through the launcher, verified through the proxy, reaching every replica, sampled per
/// component, and stopped by pid with their folders — also when a start fails halfway.
/// </summary>
public sealed class TopologyTargetTests
{
    private static readonly TargetLaunchOptions Options = new() { ReadyTimeout = TimeSpan.FromSeconds(20) };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static TargetCatalog Catalog { get; } = RepositoryFiles.Catalog();

    private static TargetDefinition Topology(string proxy, string backend, int replicas) =>
        new ProxyTopology(Catalog.FindProxy(proxy)!, Catalog.Find(backend)!, replicas).Define($"{backend}-{proxy}-x{replicas}");

    private static (int Pid, string? Dir)[] Processes(TopologyTarget target) =>
        target.Components.Select(c => ((TargetProcess)c.Target).Pid is var pid ? (pid, ((TargetProcess)c.Target).Dir) : default).ToArray();

    private static void AssertGone((int Pid, string? Dir)[] processes)
    {
        foreach (var (pid, dir) in processes)
        {
            Assert.False(Directory.Exists($"/proc/{pid}") && File.ReadAllText($"/proc/{pid}/stat").Split(' ')[2] != "Z", $"process {pid} still runs");
            Assert.False(dir is not null && Directory.Exists(dir), $"its folder {dir} is left behind");
        }
    }

    [Theory]
    [InlineData("nginx")]
    [InlineData("haproxy")]
    public async Task Given_a_proxy_in_front_of_two_async_replicas_then_it_verifies_through_the_proxy_each_component_is_sampled_apart_and_none_is_left(string proxy)
    {
        (int Pid, string? Dir)[] processes;
        await using (var launcher = new TargetLauncher(new DockerTargets(dockerHost: null)))
        {
            await using var session = new TargetSession(Topology(proxy, "async", 2), new SweepSettings(), launcher);
            var verification = await session.StartAndVerifyAsync(Ct);
            Assert.True(verification.Valid, verification.Reason);
            var target = Assert.IsType<TopologyTarget>(session.Target);
            Assert.Equal(["proxy", "replica 1", "replica 2"], target.Components.Select(c => c.Name));
            Assert.Equal([proxy, "async", "async"], target.Components.Select(c => c.Target.Definition.Name));
            processes = Processes(target);
            Assert.StartsWith(Path.Combine(Path.GetTempPath(), $"bench-{proxy}-{TargetLaunch.CheckoutTag()}-"), processes[0].Dir, StringComparison.Ordinal);

            await using var meter = await target.PrepareMeterAsync(TimeProvider.System, Ct);
            await meter.OpenAsync(Ct);
            for (int i = 0; i < 200; i++)
            {
                Assert.Equal(200, (await HttpProbe.GetAsync(target.Port, "/cpu?n=2000", TimeSpan.FromSeconds(5), Ct)).Status);
            }

            var usage = await meter.StopAsync(Ct);
            var parts = Assert.IsAssignableFrom<IReadOnlyList<ComponentUsage>>(usage.Components);
            Assert.Equal(["proxy", "replica 1", "replica 2"], parts.Select(p => p.Name));
            Assert.All(parts, p => Assert.True(p.Usage.PeakRssBytes > 0, $"{p.Name} has no RSS"));
            Assert.True(parts.Skip(1).All(p => p.Usage.CpuSeconds > 0), "both replicas computed the SHA-256 chains, so both spent CPU");
            Assert.Equal(parts.Sum(p => p.Usage.CpuSeconds), usage.CpuSeconds, 9);
            Assert.Equal(parts.Sum(p => p.Usage.PeakRssBytes), usage.PeakRssBytes);
        }

        AssertGone(processes);
    }

    [Theory]
    [InlineData("nginx")]
    [InlineData("haproxy")]
    [InlineData("haproxy-leastconn")]
    public async Task Given_replicas_that_serve_one_connection_at_a_time_then_concurrent_requests_through_the_proxy_are_not_held_behind_an_idle_connection(string proxy)
    {
        await using var launcher = new TargetLauncher(new DockerTargets(dockerHost: null));
        // The header timeout bounds how long an idle kept-alive upstream connection would hold py-sync: 3 s, above the bound below.
        await using var target = await launcher.StartAsync(Topology(proxy, "py-sync", 2), Options with { HeaderTimeout = TimeSpan.FromSeconds(3) }, Ct);
        await HttpProbe.GetAsync(target.Port, "/hello", TimeSpan.FromSeconds(5), Ct);

        var started = DateTime.UtcNow;
        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => HttpProbe.GetAsync(target.Port, "/io?ms=20", TimeSpan.FromSeconds(10), Ct)));

        Assert.All(answers, a => Assert.Equal(200, a.Status));
        // Six 20 ms waits on two one-at-a-time replicas: 60 ms in turn, far below the 3 s an idle connection would hold one.
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(2), $"6 requests took {(DateTime.UtcNow - started).TotalSeconds:0.0} s");
    }

    [Fact]
    public async Task Given_requests_that_reach_one_replica_only_then_the_check_names_how_many_it_reached_and_the_pid_never_seen()
    {
        await using var first = await RunningTarget.StartAsync("async");
        await using var second = await RunningTarget.StartAsync("async");

        // "The proxy" is the first replica itself: every /info answers with its pid.
        string? problem = await ReplicaReach.ProblemAsync(first.Port, [first.Port, second.Port], Ct);

        Assert.Equal($"requests through the proxy reached 1 of 2 replicas in 20 /info requests (never pid {second.Pid})", problem);
        Assert.Null(await ReplicaReach.ProblemAsync(first.Port, [first.Port], Ct));
    }

    [Fact]
    public async Task Given_a_proxy_that_cannot_start_then_the_replicas_already_started_are_stopped_and_the_error_is_one_line()
    {
        var nginx = Catalog.FindProxy("nginx")!;
        var broken = nginx with { Server = nginx.Server with { Name = "no-proxy", Command = ["/nonexistent/bench-proxy"] } };
        var definition = new ProxyTopology(broken, Catalog.Find("async")!, 2).Define("async-broken-x2");
        var started = new List<(int Pid, string? Dir)>();
        await using var launcher = new TargetLauncher(new DockerTargets(dockerHost: null));

        var error = await Assert.ThrowsAsync<TargetStartException>(() => TopologyTarget.StartAsync(
            definition, definition.Topology!, async (d, o, c) =>
            {
                var one = await launcher.StartAsync(d, o, c);
                started.Add((((TargetProcess)one).Pid, ((TargetProcess)one).Dir));
                return one;
            }, Options, Ct));

        Assert.DoesNotContain('\n', error.Message);
        Assert.Contains("/nonexistent/bench-proxy", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, started.Count);
        AssertGone([.. started]);
    }

    [Fact]
    public async Task Given_a_replica_that_died_then_the_topology_reports_which_one_ended_and_how()
    {
        await using var launcher = new TargetLauncher(new DockerTargets(dockerHost: null));
        await using var target = (TopologyTarget)await launcher.StartAsync(Topology("nginx", "async", 2), Options, Ct);
        Assert.Null(await target.CheckExitAsync(Ct));
        var replica = (TargetProcess)target.Components[2].Target;

        Assert.Equal(0, NativeMethods.Kill(replica.Pid, NativeMethods.SIGKILL));
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (!replica.HasExited && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20, Ct);
        }

        Assert.Equal("replica 2 (async) exited with code 137", (await target.CheckExitAsync(Ct))?.Description);
    }
}
