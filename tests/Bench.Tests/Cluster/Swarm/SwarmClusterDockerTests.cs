using System.Collections.Concurrent;
using System.Net;
using Bench.Cluster.Swarm;
using Bench.Launch;
using Bench.Launch.Docker;
using Bench.Launch.Verification;
using Bench.Tests.Launch.Docker;
using Bench.Tests.Support;
using Docker.DotNet.Models;

namespace Bench.Tests.Cluster.Swarm;

/// <summary>
/// Against this machine's engine made a one-node swarm (<see cref="TestSwarm"/>: init, and always leave again). Not in
/// parallel with anything: it changes the engine's swarm state, which every other docker test shares, and a collection
/// without parallelization runs alone, after the parallel ones.
/// </summary>
[Collection(nameof(SwarmClusterDockerTests))]
[CollectionDefinition(nameof(SwarmClusterDockerTests), DisableParallelization = true)]
public sealed class SwarmClusterDockerTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly IReadOnlyDictionary<string, string> NoNodeEngines = new Dictionary<string, string>();

    /// <summary>Bench's own output folder, as `bench run --cluster` would copy it, not this test's (twice its size).</summary>
    private static AgentProgram ThisBench => AgentProgram.At(Path.GetDirectoryName(BenchExecutable.Locate())!);

    private static TargetDefinition AsyncDocker => RepositoryFiles.Catalog().Find("async-docker")!;

    [Fact]
    public async Task A_docker_target_runs_as_a_service_answers_at_its_nodes_address_is_measured_stops_and_leaves_nothing()
    {
        using var engine = await DockerSupport.EngineAsync();
        await using var swarm = await TestSwarm.JoinAsync(engine, Ct);
        var notes = new ConcurrentQueue<string>();
        string launcher;
        await using (var cluster = await SwarmCluster.ConnectAsync(engine.Endpoint, NoNodeEngines, "swarm-test", notes.Enqueue, Ct, ThisBench))
        {
            launcher = cluster.Labels.Launcher;
            var node = Assert.Single(cluster.Nodes);
            Assert.Equal((swarm.NodeId, "127.0.0.1", true, true, true), (node.Id, node.Address, node.Target, node.Generator, node.Manager));

            var target = Assert.IsType<SwarmTarget>(await cluster.StartTargetAsync(AsyncDocker, new TargetLaunchOptions { CpuQuota = 1, ReadyTimeout = TimeSpan.FromSeconds(60) }, Ct));
            await using (target)
            {
                Assert.Equal(IPAddress.Loopback, target.Address);
                Assert.Null(target.Cpus);
                var hello = await HttpProbe.GetAsync(target.Address, target.Port, "/hello", Timeout, Ct);
                Assert.Equal((200, "Hello, World!"), (hello.Status, hello.Body));
                Assert.Null(await target.CheckExitAsync(Ct));
                var service = await engine.Client.Swarm.InspectServiceAsync(target.ServiceId, Ct);
                Assert.Equal("swarm-test", service.Spec.Labels[ContainerLabels.RunKey]);
                Assert.Equal(1_000_000_000, service.Spec.TaskTemplate.Resources.Limits.NanoCPUs);
                Assert.Contains(notes, n => n.Contains("NanoCPUs", StringComparison.Ordinal));

                await using var meter = await target.PrepareMeterAsync(TimeProvider.System, Ct);
                await meter.OpenAsync(Ct);
                for (int i = 0; i < 100; i++)
                {
                    Assert.Equal(200, (await HttpProbe.GetAsync(target.Address, target.Port, "/cpu?n=2000", Timeout, Ct)).Status);
                }

                var usage = await meter.StopAsync(Ct);
                var container = Assert.IsType<ContainerUsage>(usage.Container);
                Assert.True(container.CpuSeconds > 0, container.ToString());
                Assert.True(container.PeakMemoryBytes > 1_000_000, container.ToString());
                Assert.Equal(512L << 20, container.MemoryLimitBytes);
                Assert.True(container.Readings >= 2, container.ToString());

                // Its processes come from its node's /proc, read by the sampling agent there, as a local container's do.
                Assert.DoesNotContain(notes, n => n.Contains("/proc", StringComparison.Ordinal));
                Assert.True(usage.Samples >= 2 && usage.MaxThreads > 1 && usage.PeakRssBytes > 1_000_000 && usage.VoluntaryContextSwitches > 0, usage.ToString());
                Assert.InRange(usage.CpuSeconds, container.CpuSeconds * 0.5, (container.CpuSeconds * 2) + 0.05);

                int code = await target.StopAsync(TimeSpan.FromSeconds(5));
                TestContext.Current.TestOutputHelper?.WriteLine($"stopped with exit code {code}; notes: {string.Join(" | ", notes)}");
                Assert.NotEqual(-1, code);
                await AssertOnlySamplerLeftAsync(engine, launcher);
            }
        }

        await AssertNothingLeftAsync(engine, launcher);
    }

    [Fact]
    public async Task A_target_whose_port_is_taken_on_its_node_is_started_again_on_another()
    {
        using var engine = await DockerSupport.EngineAsync();
        await using var swarm = await TestSwarm.JoinAsync(engine, Ct);
        var notes = new ConcurrentQueue<string>();
        await using var cluster = await SwarmCluster.ConnectAsync(engine.Endpoint, NoNodeEngines, "swarm-test", notes.Enqueue, Ct, ThisBench);
        using var taken = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0); // the one node's address here
        taken.Start();
        int takenPort = ((IPEndPoint)taken.LocalEndpoint).Port;
        int asked = 0;
        cluster.ChoosePort = () => Interlocked.Increment(ref asked) == 1 ? takenPort : FreePort.Find();

        await using var target = await cluster.StartTargetAsync(AsyncDocker, new TargetLaunchOptions { ReadyTimeout = TimeSpan.FromSeconds(60) }, Ct);

        Assert.NotEqual(takenPort, target.Port);
        Assert.Equal(2, asked);
        Assert.Contains(notes, n => n == "async-docker: its port was taken on swarm node " + cluster.Nodes[0].Hostname + "; starting it again on another");
        Assert.Equal(200, (await HttpProbe.GetAsync(target.Address, target.Port, "/hello", Timeout, Ct)).Status);
    }

    [Fact]
    public async Task A_target_that_exits_before_it_is_ready_is_reported_with_its_tasks_state_and_stderr_and_removed()
    {
        using var engine = await DockerSupport.EngineAsync();
        await using var swarm = await TestSwarm.JoinAsync(engine, Ct);
        await using var cluster = await SwarmCluster.ConnectAsync(engine.Endpoint, NoNodeEngines, "swarm-test", null, Ct, ThisBench);
        var broken = AsyncDocker with { Name = "broken-docker", Command = [.. AsyncDocker.Command.Select(a => a == "async" ? "no-such-model" : a)] };

        var e = await Assert.ThrowsAsync<TargetStartException>(() => cluster.StartTargetAsync(broken, new TargetLaunchOptions { ReadyTimeout = TimeSpan.FromSeconds(60) }, Ct));

        Assert.Contains("ended before it was ready on swarm node", e.Reason, StringComparison.Ordinal);
        Assert.Contains("task failed", e.Reason, StringComparison.Ordinal);
        Assert.Contains("no-such-model", e.StderrTail, StringComparison.Ordinal);
        await AssertOnlySamplerLeftAsync(engine, cluster.Labels.Launcher);
        await cluster.DisposeAsync();
        await AssertNothingLeftAsync(engine, cluster.Labels.Launcher);
    }

    [Fact]
    public async Task A_start_cancelled_midway_as_by_ctrl_c_leaves_no_service_and_no_container()
    {
        using var engine = await DockerSupport.EngineAsync();
        await using var swarm = await TestSwarm.JoinAsync(engine, Ct);
        await using var cluster = await SwarmCluster.ConnectAsync(engine.Endpoint, NoNodeEngines, "swarm-test", null, Ct, ThisBench);
        // Never ready: its readiness line never comes, so the start is still waiting when it is cancelled.
        var silent = AsyncDocker with { Name = "silent-docker", Readiness = new StdoutReadiness("never printed") };
        using var interrupt = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var starting = cluster.StartTargetAsync(silent, new TargetLaunchOptions { ReadyTimeout = TimeSpan.FromSeconds(60) }, interrupt.Token);
        await WaitUntilAsync(async () => (await LeftoverContainers.ListAsync(engine.Client, ContainerLabels.TargetKey, "silent-docker", Ct))
            .Any(c => c.Labels[ContainerLabels.LauncherKey] == cluster.Labels.Launcher));

        await interrupt.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => starting);
        await AssertOnlySamplerLeftAsync(engine, cluster.Labels.Launcher);
        await cluster.DisposeAsync();
        await AssertNothingLeftAsync(engine, cluster.Labels.Launcher);
    }

    [Fact]
    public async Task Process_targets_are_refused_and_a_launcher_with_a_cluster_sends_docker_targets_to_it()
    {
        using var engine = await DockerSupport.EngineAsync();
        await using var swarm = await TestSwarm.JoinAsync(engine, Ct);
        await using var cluster = await SwarmCluster.ConnectAsync(engine.Endpoint, NoNodeEngines, "swarm-test", null, Ct, ThisBench);
        await using var launcher = new TargetLauncher(new DockerTargets(null), cluster);

        var refused = await Assert.ThrowsAsync<TargetStartException>(() => launcher.StartAsync(RepositoryFiles.Catalog().Find("async")!, new TargetLaunchOptions(), Ct));
        Assert.Equal("target 'async' only docker targets can be placed on a swarm (kind: docker)", refused.Message);

        await using var target = await launcher.StartAsync(AsyncDocker, new TargetLaunchOptions { ReadyTimeout = TimeSpan.FromSeconds(60) }, Ct);
        Assert.IsType<SwarmTarget>(target);
        Assert.Empty(await LeftoverContainers.ListAsync(engine.Client, ContainerLabels.LauncherKey, launcher.Docker.Labels.Launcher, Ct));
    }

    [Fact]
    public async Task A_swarm_without_labelled_nodes_is_refused_with_the_label_command()
    {
        using var engine = await DockerSupport.EngineAsync();
        await using var swarm = await TestSwarm.JoinAsync(engine, Ct);
        await swarm.LabelAsync(new Dictionary<string, string?> { [SwarmNode.TargetLabel] = null, [SwarmNode.GeneratorLabel] = "true" }, Ct);

        var e = await Assert.ThrowsAsync<ClusterException>(() => SwarmCluster.ConnectAsync(engine.Endpoint, NoNodeEngines, "swarm-test", null, Ct));

        Assert.StartsWith("no swarm node is labelled as a target node: docker node update --label-add bench.target=true <node>", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_node_engine_that_names_no_node_or_another_node_is_refused()
    {
        using var engine = await DockerSupport.EngineAsync();
        await using var swarm = await TestSwarm.JoinAsync(engine, Ct);

        var unknown = await Assert.ThrowsAsync<ClusterException>(() =>
            SwarmCluster.ConnectAsync(engine.Endpoint, new Dictionary<string, string> { ["nosuchnode"] = engine.Endpoint }, "swarm-test", null, Ct));

        Assert.StartsWith("--node-engine nosuchnode=unix:///var/run/docker.sock: no ready, active swarm node is called nosuchnode (nodes: ", unknown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Services_of_a_gone_Bench_on_this_machine_are_removed_at_connect_and_a_live_ones_kept()
    {
        using var engine = await DockerSupport.EngineAsync();
        await using var swarm = await TestSwarm.JoinAsync(engine, Ct);
        using var files = new ImageFiles();
        var image = await ImageBuilder.EnsureAsync(engine, files.Recipe, Ct);
        var gone = new ContainerLabels(int.MaxValue, 1, $"gone{Guid.NewGuid():N}"[..16], "/nowhere");
        var alive = ContainerLabels.ForThisProcess();
        try
        {
            await CreateIdleServiceAsync(engine, image.Reference, gone);
            await CreateIdleServiceAsync(engine, image.Reference, alive);

            var notes = new ConcurrentQueue<string>();
            await using (await SwarmCluster.ConnectAsync(engine.Endpoint, NoNodeEngines, "swarm-test", notes.Enqueue, Ct, ThisBench))
            {
                Assert.Empty(await LeftoverServices.ListAsync(engine.Client, ContainerLabels.LauncherKey, gone.Launcher, Ct));
                Assert.Single(await LeftoverServices.ListAsync(engine.Client, ContainerLabels.LauncherKey, alive.Launcher, Ct));
                Assert.Contains(notes, n => n.StartsWith("removed ", StringComparison.Ordinal) && n.Contains("swarm service(s) left behind", StringComparison.Ordinal));
            }
        }
        finally
        {
            await LeftoverServices.RemoveLauncherAsync(engine.Client, alive.Launcher, CancellationToken.None);
            await LeftoverServices.RemoveLauncherAsync(engine.Client, gone.Launcher, CancellationToken.None);
            await engine.Client.Images.DeleteImageAsync(image.Reference, new ImageDeleteParameters { Force = true }, CancellationToken.None);
        }
    }

    [Fact]
    public async Task An_agent_that_exits_instead_of_listening_is_reported_with_its_tasks_state_and_its_service_removed()
    {
        using var engine = await DockerSupport.EngineAsync();
        await using var swarm = await TestSwarm.JoinAsync(engine, Ct);
        using var files = new ImageFiles();
        File.Copy("/bin/false", Path.Combine(files.Directory, "Bench"));
        string launcher;
        var program = new AgentProgram(files.Recipe, AgentImage.Executable(files.Directory));
        await using (var cluster = await SwarmCluster.ConnectAsync(engine.Endpoint, NoNodeEngines, "swarm-test", null, Ct, program))
        {
            launcher = cluster.Labels.Launcher;
            var e = await Assert.ThrowsAsync<ClusterException>(() => cluster.StartAgentsAsync(1, "", Ct));

            Assert.Matches(@"^the load agent \(agent slot 0 on port \d+\) on swarm node .+ \(127\.0\.0\.1\) ended before it listened: task failed \(.*\) \(exit code 1\)$", e.Message);
            var service = Assert.Single(await LeftoverServices.ListAsync(engine.Client, ContainerLabels.LauncherKey, launcher, Ct));
            Assert.NotNull(service.Spec.Mode.Global);
        }

        await AssertNothingLeftAsync(engine, launcher);
        foreach (var image in await engine.Client.Images.ListImagesAsync(new ImagesListParameters { Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [$"{ImageBuilder.RecipeLabel}={ImageBuilder.RecipeKey(files.Recipe)}"] = true } } }, CancellationToken.None))
        {
            await engine.Client.Images.DeleteImageAsync(image.ID, new ImageDeleteParameters { Force = true }, CancellationToken.None);
        }
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        for (var clock = System.Diagnostics.Stopwatch.StartNew(); !await condition(); await Task.Delay(100, Ct))
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), "the service's container never appeared");
        }
    }

    /// <summary>While the cluster is open, the run's sampling agent stays (on every target node, for the next target); nothing else may.</summary>
    private static async Task AssertOnlySamplerLeftAsync(DockerEngine engine, string launcher)
    {
        var services = await LeftoverServices.ListAsync(engine.Client, ContainerLabels.LauncherKey, launcher, CancellationToken.None);
        Assert.All(services, s => Assert.Equal("meter", s.Spec.Labels[ContainerLabels.TargetKey]));
        var containers = await LeftoverContainers.ListAsync(engine.Client, ContainerLabels.LauncherKey, launcher, CancellationToken.None);
        Assert.All(containers, c => Assert.Equal("meter", c.Labels[ContainerLabels.TargetKey]));
    }

    private static async Task AssertNothingLeftAsync(DockerEngine engine, string launcher)
    {
        Assert.Empty(await LeftoverServices.ListAsync(engine.Client, ContainerLabels.LauncherKey, launcher, CancellationToken.None));
        Assert.Empty(await LeftoverContainers.ListAsync(engine.Client, ContainerLabels.LauncherKey, launcher, CancellationToken.None));
    }

    /// <summary>A service that never runs (its image holds no such program, and the swarm may not restart it): only its labels matter.</summary>
    private static async Task CreateIdleServiceAsync(DockerEngine engine, string image, ContainerLabels labels) =>
        await engine.Client.Swarm.CreateServiceAsync(
            new ServiceCreateParameters
            {
                Service = new ServiceSpec
                {
                    Name = $"bench-leftover-{labels.Launcher}",
                    Labels = ServiceLabels.For(labels, "leftover", SwarmCluster.Host),
                    Mode = new ServiceMode { Replicated = new ReplicatedService { Replicas = 0 } },
                    TaskTemplate = new TaskSpec { ContainerSpec = new Docker.DotNet.Models.ContainerSpec { Image = image, Command = ["/nothing"] } },
                },
            },
            Ct);
}
