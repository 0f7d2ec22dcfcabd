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
/// The RabbitMQ broker killed in the middle of a level: that level records the failed requests as errors (503s, not a
/// crash), and the next level starts from a restarted broker, with a fresh worker and the target restarted beside them.
/// </summary>
public sealed class TargetSessionRabbitTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Scenario Scenario(TargetCatalog catalog) => Assert.Single(new ScenarioLoader(catalog).Parse("""
        name: rabbit-kill
        description: RPCs while the broker is killed
        targets: [async-rabbit]
        request: { path: "/rpc?n=10" }
        load: { levels: [4], warmup: 200ms, duration: 2s }
        """, "rabbit-kill.yaml"));

    [Fact]
    public async Task Given_the_broker_killed_mid_level_then_that_level_has_errors_and_the_next_starts_from_a_restarted_broker_and_worker()
    {
        var catalog = RepositoryFiles.Catalog();
        var scenario = Scenario(catalog);
        var settings = new SweepSettings();
        await using var launcher = new TargetLauncher(new DockerTargets(dockerHost: null));
        await using var session = new TargetSession(catalog.Find("async-rabbit")!, settings, launcher);
        Assert.True((await session.StartAndVerifyAsync(Ct)).Valid);
        int brokerPid = launcher.Dependencies.Pids["rabbitmq"];
        int workerPid = launcher.Dependencies.Pids["rabbitmq-rpc"];
        int targetPort = session.Target!.Port;
        var levels = new LevelRunner(new LoadEngine(), settings, new LineProgress(TextWriter.Null));

        var level = levels.RunAsync(scenario, session.Definition.Name, session.Target!, 4, 1, Ct);
        await Task.Delay(TimeSpan.FromSeconds(1.2), Ct);
        // The VM itself (the broker's script only waits for it), as a crash would.
        using (var vm = Process.GetProcessById(ProcessEnvironment.With($"RABBITMQ_NODE_PORT={launcher.Dependencies.Ports["rabbitmq"]}").Single(p => p.Name == "beam.smp").Pid))
        {
            vm.Kill();
        }

        var killed = await level;
        Assert.True(killed.Requests > 0, "requests before the kill succeeded");
        Assert.True(killed.ErrorCount > 0, "requests after the kill are errors");
        Assert.Equal(503, (await HttpProbe.GetAsync(targetPort, "/rpc?n=10", TimeSpan.FromSeconds(5), Ct)).Status);

        string? reason = await session.EnsureReadyAsync(Ct);

        Assert.StartsWith("needs rabbitmq exited with code", reason);
        Assert.NotEqual(brokerPid, launcher.Dependencies.Pids["rabbitmq"]);
        Assert.NotEqual(workerPid, launcher.Dependencies.Pids["rabbitmq-rpc"]);
        var next = await levels.RunAsync(scenario, session.Definition.Name, session.Target!, 4, 1, Ct);
        Assert.Equal(0, next.ErrorCount);
        Assert.True(next.Requests > 0, $"{next.Requests} requests, {next.ErrorCount} errors, valid {next.Valid}: {next.InvalidReason}; killed level: {killed.Requests} / {killed.ErrorCount} {string.Join(",", killed.Errors)}");
    }
}
