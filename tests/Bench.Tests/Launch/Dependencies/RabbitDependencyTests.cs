using System.Net;
using System.Net.Sockets;
using Bench.Launch;
using Bench.Launch.Docker;
using Bench.Launch.Verification;
using Bench.Tests.Support;

namespace Bench.Tests.Launch.Dependencies;

/// <summary>
/// The rabbitmq dependency and its RPC worker as a run starts them: a real broker in its own folder with its own epmd,
/// ready when it answers the AMQP handshake, shared by the targets that need it, and nothing of it left afterwards — no
/// beam.smp, no erl_child_setup, no inet_gethost and no epmd (which daemonizes out of the broker's tree) — after the
/// launcher is disposed or after a start that failed.
/// </summary>
public sealed class RabbitDependencyTests
{
    private static readonly TargetLaunchOptions Options = new() { ReadyTimeout = TimeSpan.FromSeconds(20) };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static TargetCatalog Catalog { get; } = RepositoryFiles.Catalog();

    [Fact]
    public async Task Given_two_targets_needing_rabbitmq_then_one_broker_and_worker_serve_both_and_nothing_of_them_is_left_after_the_launcher()
    {
        string marker;
        IReadOnlyList<(int Pid, string Name)> broker;
        int workerPid;
        await using (var launcher = new TargetLauncher(new DockerTargets(dockerHost: null)))
        {
            await using var first = await launcher.StartAsync(Catalog.Find("async-rabbit")!, Options, Ct);
            int pid = launcher.Dependencies.Pids["rabbitmq"];
            workerPid = launcher.Dependencies.Pids["rabbitmq-rpc"];
            marker = $"{TargetLaunch.LaunchMarker}={LaunchDir(pid)}";
            Assert.StartsWith($"{TargetLaunch.LaunchMarker}={Path.Combine(Path.GetTempPath(), "bench-rabbitmq-")}", marker, StringComparison.Ordinal);
            Assert.True(await AmqpHandshake.AnswersAsync(launcher.Dependencies.Ports["rabbitmq"], TimeSpan.FromSeconds(2), Ct));
            broker = ProcessEnvironment.With(marker);
            // Its own epmd, out of its tree, and the VM: what must be found and stopped below.
            Assert.Contains(broker, p => p.Name == "epmd");
            Assert.Contains(broker, p => p.Name == "beam.smp");

            await using var second = await launcher.StartAsync(Catalog.Find("sync-rabbit")!, Options, Ct);
            Assert.Equal(pid, launcher.Dependencies.Pids["rabbitmq"]);
            Assert.Equal(workerPid, launcher.Dependencies.Pids["rabbitmq-rpc"]);
            Assert.Equal(ReferenceDigest.Compute(5), (await HttpProbe.GetAsync(second.Port, "/rpc?n=5", TimeSpan.FromSeconds(5), Ct)).Body);
        }

        Assert.Empty(ProcessEnvironment.With(marker));
        Assert.All(broker, p => Assert.False(IsAlive(p.Pid, p.Name), $"{p.Name} {p.Pid} still runs after the launcher was disposed"));
        Assert.False(IsAlive(workerPid, "Bench.Targets"), $"the worker {workerPid} still runs");
        Assert.False(Directory.Exists(marker[(marker.IndexOf('=') + 1)..]), "its folder is left behind");
    }

    [Fact]
    public async Task Given_rabbitmq_cannot_start_because_its_distribution_port_is_taken_then_its_targets_are_not_run_with_one_line_and_nothing_of_it_is_left()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        int port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var catalogRabbit = Catalog.Dependencies.Single(d => d.Name == "rabbitmq");
        // The catalogue's broker, told to take a distribution port something already holds: it fails after its epmd started.
        var rabbit = catalogRabbit with { Environment = new Dictionary<string, string>(catalogRabbit.Environment) { ["RABBITMQ_DIST_PORT"] = port.ToString() } };
        var worker = Catalog.Dependencies.Single(d => d.Name == "rabbitmq-rpc") with { Needs = [rabbit] };
        var needing = Catalog.Find("async-rabbit")! with { Needs = [rabbit, worker] };
        string mark = $"RABBITMQ_DIST_PORT={port}";
        var seen = new HashSet<string>(StringComparer.Ordinal);
        using var watching = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var watcher = Task.Run(async () =>
        {
            while (!watching.IsCancellationRequested)
            {
                seen.UnionWith(ProcessEnvironment.With(mark).Select(p => p.Name));
                await Task.Delay(20, CancellationToken.None);
            }
        }, CancellationToken.None);

        await using var launcher = new TargetLauncher(new DockerTargets(dockerHost: null));
        var refused = await Assert.ThrowsAsync<TargetStartException>(() => launcher.StartAsync(needing, Options, Ct));
        await watching.CancelAsync();
        await watcher;

        Assert.DoesNotContain('\n', refused.Message);
        Assert.StartsWith("target 'async-rabbit' not run: it needs rabbitmq, which did not start: exited with code", refused.Message, StringComparison.Ordinal);
        Assert.Empty(launcher.Dependencies.Pids);
        Assert.Contains("epmd", seen);
        Assert.Empty(ProcessEnvironment.With(mark));

        // A target that needs nothing is measured as ever.
        await using var other = await launcher.StartAsync(Catalog.Find("async")!, Options, Ct);
        Assert.Equal("Hello, World!", (await HttpProbe.GetAsync(other.Port, "/hello", TimeSpan.FromSeconds(5), Ct)).Body);
    }

    private static string LaunchDir(int pid) =>
        File.ReadAllText($"/proc/{pid}/environ").Split('\0').Single(e => e.StartsWith($"{TargetLaunch.LaunchMarker}=", StringComparison.Ordinal))[(TargetLaunch.LaunchMarker.Length + 1)..];

    /// <summary>Alive as the same program (a pid reused by another process does not count).</summary>
    private static bool IsAlive(int pid, string name)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/comm").Trim() == name && !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ", StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
    }
}
