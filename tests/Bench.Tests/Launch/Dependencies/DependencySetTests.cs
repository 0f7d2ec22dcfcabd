using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Bench.Launch;
using Bench.Launch.Docker;
using Bench.Launch.Verification;
using Bench.Tests.Support;

namespace Bench.Tests.Launch.Dependencies;

/// <summary>
/// The redis dependency as a run starts it: a real redis-server beside real targets, started once for every target that
/// needs it, stopped (by pid, folder removed) with the launcher; one that cannot start makes only its targets not run.
/// </summary>
public sealed class DependencySetTests
{
    private static readonly TargetLaunchOptions Options = new() { ReadyTimeout = TimeSpan.FromSeconds(20) };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static TargetCatalog Catalog { get; } = RepositoryFiles.Catalog();

    private static Task<ProbeResponse> GetAsync(IRunningTarget target, string path) =>
        HttpProbe.GetAsync(target.Port, path, TimeSpan.FromSeconds(5), Ct);

    [Fact]
    public async Task Given_two_targets_needing_redis_then_one_redis_serves_both_and_none_is_left_after_the_launcher()
    {
        int pid;
        string dir;
        await using (var launcher = new TargetLauncher(new DockerTargets(dockerHost: null)))
        {
            await using var first = await launcher.StartAsync(Catalog.Find("async-redis")!, Options, Ct);
            pid = launcher.Dependencies.Pids["redis"];
            dir = new DirectoryInfo($"/proc/{pid}/cwd").ResolveLinkTarget(returnFinalTarget: false)!.FullName;
            Assert.StartsWith(Path.Combine(Path.GetTempPath(), "bench-redis-"), dir, StringComparison.Ordinal);
            Assert.True(await RedisPing.AnswersAsync(launcher.Dependencies.Ports["redis"], TimeSpan.FromSeconds(2), Ct));

            Assert.Equal("OK", (await GetAsync(first, "/redis?key=shared&set=from-async")).Body);
            await using var second = await launcher.StartAsync(Catalog.Find("callbacks-redis")!, Options, Ct);

            Assert.Equal(pid, launcher.Dependencies.Pids["redis"]);
            Assert.Equal("from-async", (await GetAsync(second, "/redis?key=shared")).Body);
        }

        Assert.False(Directory.Exists($"/proc/{pid}"), $"redis-server {pid} still runs after the launcher was disposed");
        Assert.False(Directory.Exists(dir), $"its folder {dir} is left behind");
    }

    [Fact]
    public async Task Given_redis_cannot_start_because_its_port_is_taken_then_its_targets_are_not_run_with_one_line_and_the_others_start()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        int port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var catalogRedis = Catalog.Dependencies.Single(d => d.Name == "redis");
        // The catalogue's redis, told to listen where something already does.
        var redis = catalogRedis with { Command = [.. catalogRedis.Command.Select(a => a == TargetDefinition.PortPlaceholder ? port.ToString() : a)] };
        var needing = Catalog.Find("sync-redis")! with { Needs = [redis] };

        await using var launcher = new TargetLauncher(new DockerTargets(dockerHost: null));
        var refused = await Assert.ThrowsAsync<TargetStartException>(() => launcher.StartAsync(needing, Options, Ct));

        Assert.DoesNotContain('\n', refused.Message);
        Assert.StartsWith("target 'sync-redis' not run: it needs redis, which did not start: exited with code 1 before it was ready (", refused.Message, StringComparison.Ordinal);
        Assert.Contains($"{port}", refused.Message, StringComparison.Ordinal);
        Assert.Empty(launcher.Dependencies.Pids);

        // Another target needing it is refused at once with the same reason, not after a second failed start.
        var clock = Stopwatch.StartNew();
        var again = await Assert.ThrowsAsync<TargetStartException>(() => launcher.StartAsync(needing with { Name = "threads-redis" }, Options, Ct));
        Assert.Equal(refused.Message.Replace("sync-redis", "threads-redis", StringComparison.Ordinal), again.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"took {clock.Elapsed}");

        // A target that needs nothing is measured as ever.
        await using var other = await launcher.StartAsync(Catalog.Find("sync")!, Options, Ct);
        Assert.Equal("Hello, World!", (await GetAsync(other, "/hello")).Body);
    }

    [Fact]
    public async Task Given_redis_is_killed_then_the_next_start_of_a_target_needing_it_restarts_it_on_a_port_of_its_own()
    {
        await using var launcher = new TargetLauncher(new DockerTargets(dockerHost: null));
        var needing = Catalog.Find("generators-redis")!;
        await (await launcher.StartAsync(needing, Options, Ct)).DisposeAsync();
        int pid = launcher.Dependencies.Pids["redis"];

        using (var redis = Process.GetProcessById(pid))
        {
            redis.Kill();
            await redis.WaitForExitAsync(Ct);
        }

        Assert.StartsWith("redis exited with code", await launcher.Dependencies.ProblemAsync(needing, Ct));
        await using var restarted = await launcher.StartAsync(needing, Options, Ct);

        Assert.NotEqual(pid, launcher.Dependencies.Pids["redis"]);
        Assert.Null(await launcher.Dependencies.ProblemAsync(needing, Ct));
        Assert.Equal("OK", (await GetAsync(restarted, "/redis?key=after&set=restart")).Body);
    }
}
