using System.Diagnostics;
using Bench.Launch;
using Bench.Launch.Docker;
using Bench.Launch.Verification;
using Bench.Load;
using Bench.Running;
using Bench.Scenarios;
using Bench.Tests.Support;

namespace Bench.Tests.Running;

/// <summary>
/// Redis killed in the middle of a level: that level records the failed requests as errors (503s, not a crash), and the
/// next level starts from a restarted Redis, with the target restarted beside it.
/// </summary>
public sealed class TargetSessionDependencyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Scenario Scenario(TargetCatalog catalog) => Assert.Single(new ScenarioLoader(catalog).Parse("""
        name: redis-kill
        description: GET from Redis while it is killed
        targets: [async-redis]
        request: { path: "/redis?key=bench:kill" }
        load: { levels: [4], warmup: 200ms, duration: 2s }
        """, "redis-kill.yaml"));

    [Fact]
    public async Task Given_redis_killed_mid_level_then_that_level_has_errors_and_the_next_starts_from_a_restarted_redis()
    {
        var catalog = RepositoryFiles.Catalog();
        var scenario = Scenario(catalog);
        var settings = new SweepSettings();
        await using var launcher = new TargetLauncher(new DockerTargets(dockerHost: null));
        await using var session = new TargetSession(catalog.Find("async-redis")!, settings, launcher);
        Assert.True((await session.StartAndVerifyAsync(Ct)).Valid);
        int redisPid = launcher.Dependencies.Pids["redis"];
        int targetPort = session.Target!.Port;
        var levels = new LevelRunner(new LoadEngine(), settings, new LineProgress(TextWriter.Null));

        var level = levels.RunAsync(scenario, session.Definition.Name, session.Target!, 4, 1, Ct);
        await Task.Delay(TimeSpan.FromSeconds(1.2), Ct);
        using (var redis = Process.GetProcessById(redisPid))
        {
            redis.Kill();
        }

        var killed = await level;
        Assert.True(killed.Requests > 0, "requests before the kill succeeded");
        Assert.True(killed.ErrorCount > 0, "requests after the kill are errors");
        Assert.Equal(503, (await HttpProbe.GetAsync(targetPort, "/redis?key=bench:kill", TimeSpan.FromSeconds(5), Ct)).Status);

        string? reason = await session.EnsureReadyAsync(Ct);

        Assert.StartsWith("needs redis exited with code", reason);
        Assert.NotEqual(redisPid, launcher.Dependencies.Pids["redis"]);
        var next = await levels.RunAsync(scenario, session.Definition.Name, session.Target!, 4, 1, Ct);
        Assert.Equal(0, next.ErrorCount);
        Assert.True(next.Requests > 0, $"{next.Requests} requests, {next.ErrorCount} errors, valid {next.Valid}: {next.InvalidReason}; killed level: {killed.Requests} / {killed.ErrorCount} {string.Join(",", killed.Errors)}");
    }
}
