using Bench.Cluster;
using Bench.Cluster.Swarm;
using Bench.Launch;
using Bench.Launch.Docker;
using Bench.Load;

namespace Bench.Tests.Cluster.Swarm;

public sealed class ServiceSpecsTests
{
    private static readonly ContainerLabels Labels = new(4242, 777, "launch1", "/repo") { Run = "run7" };

    private static readonly SwarmNode Node = new("node-id-1", "box1", "10.231.0.11", Target: true, Generator: false, Manager: false);

    private static TargetDefinition Boxed(CpuSet? cpus = null) =>
        new("boxed", "x", ["/app/server", "--port", "{port}"], new Dictionary<string, string> { ["PORT"] = "{port}", ["DOTNET_ROOT"] = "/usr/share/dotnet" })
        {
            Container = new ContainerSpec(new ImageRecipe(["/app"], [])) { MemoryBytes = 64L << 20, Cpus = cpus },
        };

    private static AgentLaunch Agent => new("bench-target:agent", "/opt/bench/Bench", "/usr/share/dotnet", 1, 12345, "0123456789abcdef0123456789abcdef", "10.231.0.11,10.231.0.12");

    [Fact]
    public void A_target_is_one_unrestarted_replica_on_its_node_on_the_host_network_with_its_containers_command_env_user_and_limits()
    {
        var spec = ServiceSpecs.ForTarget(Boxed(), "bench-target:abc", 8123, new TargetLaunchOptions { CpuQuota = 0.5 }, Labels, "ctl", Node);

        Assert.Equal(1UL, spec.Mode.Replicated.Replicas);
        Assert.Null(spec.Mode.Global);
        var task = spec.TaskTemplate;
        Assert.Equal(["node.labels.bench.target==true", "node.id==node-id-1"], task.Placement.Constraints);
        Assert.Equal("host", Assert.Single(task.Networks).Target);
        Assert.Equal("none", task.RestartPolicy.Condition);
        var container = task.ContainerSpec;
        Assert.Equal("bench-target:abc", container.Image);
        Assert.Equal(["/app/server", "--port", "8123"], container.Command);
        Assert.Equal(["PORT=8123", "DOTNET_ROOT=/usr/share/dotnet", "TMPDIR=/run/bench-tmp", "BENCH_LISTEN_ADDRESS=10.231.0.11"], container.Env);
        Assert.Equal(ContainerRequest.User, container.User);
        Assert.True(container.ReadOnly);
        Assert.Equal(["ALL"], container.CapabilityDrop);
        var scratch = Assert.Single(container.Mounts);
        Assert.Equal(("tmpfs", ContainerRequest.ScratchDirectory), (scratch.Type, scratch.Target));
        Assert.Equal(64L << 20, task.Resources.Limits.MemoryBytes);
        Assert.Equal(500_000_000, task.Resources.Limits.NanoCPUs);
    }

    [Fact]
    public void A_targets_service_and_its_container_carry_the_runs_labels_and_the_controllers_host()
    {
        var spec = ServiceSpecs.ForTarget(Boxed(), "img", 8123, new TargetLaunchOptions(), Labels, "ctl", Node);

        foreach (var labels in new[] { spec.Labels, spec.TaskTemplate.ContainerSpec.Labels })
        {
            Assert.Equal("run7", labels[ContainerLabels.RunKey]);
            Assert.Equal("4242", labels[ContainerLabels.Owner]);
            Assert.Equal("launch1", labels[ContainerLabels.LauncherKey]);
            Assert.Equal("boxed", labels[ContainerLabels.TargetKey]);
            Assert.Equal("ctl", labels[ServiceLabels.HostKey]);
        }

        Assert.StartsWith("bench-boxed-launch1-8123-", spec.Name, StringComparison.Ordinal);
        Assert.True(spec.Name.Length <= 63);
    }

    [Fact]
    public void A_listen_address_the_catalogue_sets_is_kept()
    {
        var own = Boxed() with { Environment = new Dictionary<string, string> { ["BENCH_LISTEN_ADDRESS"] = "0.0.0.0" } };

        var spec = ServiceSpecs.ForTarget(own, "img", 1, new TargetLaunchOptions(), Labels, "ctl", Node);

        Assert.Equal(["BENCH_LISTEN_ADDRESS=0.0.0.0", "TMPDIR=/run/bench-tmp"], spec.TaskTemplate.ContainerSpec.Env);
    }

    [Fact]
    public void No_quota_means_no_cpu_limit()
    {
        var spec = ServiceSpecs.ForTarget(Boxed(), "img", 1, new TargetLaunchOptions(), Labels, "ctl", Node);

        Assert.Equal(0, spec.TaskTemplate.Resources.Limits.NanoCPUs);
        Assert.Equal(0, ServiceSpecs.NanoCpus(0, 0));
        Assert.Equal(1_500_000_000, ServiceSpecs.NanoCpus(2000, 3000));
    }

    [Fact]
    public void What_a_service_cannot_express_is_named_pinning_only_when_asked_for()
    {
        var pinned = ServiceSpecs.Omissions(Boxed(CpuSet.Of(1)), new TargetLaunchOptions { CpuQuota = 1 });
        var plain = ServiceSpecs.Omissions(Boxed(), new TargetLaunchOptions());

        Assert.Equal("no core pinning (cores 1): swarm services cannot be pinned to cores", pinned[0]);
        Assert.Contains(pinned, o => o.Contains("NanoCPUs: 100 ms CFS periods", StringComparison.Ordinal));
        Assert.DoesNotContain(plain, o => o.Contains("pinning", StringComparison.Ordinal) || o.Contains("NanoCPUs", StringComparison.Ordinal));
        Assert.Contains(plain, o => o.Contains("swap not turned off", StringComparison.Ordinal));
    }

    [Fact]
    public void An_agent_slot_is_a_global_unrestarted_service_on_the_generator_nodes_host_network_listening_on_every_interface()
    {
        var spec = ServiceSpecs.ForAgent(Agent, Labels, "ctl");

        Assert.NotNull(spec.Mode.Global);
        Assert.Null(spec.Mode.Replicated);
        var task = spec.TaskTemplate;
        Assert.Equal(["node.labels.bench.generator==true"], task.Placement.Constraints);
        Assert.Equal("host", Assert.Single(task.Networks).Target);
        Assert.Equal("none", task.RestartPolicy.Condition);
        Assert.Equal("bench-target:agent", task.ContainerSpec.Image);
        Assert.Equal(["/opt/bench/Bench", "agent", "--listen", "0.0.0.0:12345"], task.ContainerSpec.Command);
        Assert.Equal(ContainerRequest.User, task.ContainerSpec.User);
        Assert.True(task.ContainerSpec.ReadOnly);
        Assert.Equal("bench-agent-launch1-1-12345", spec.Name);
    }

    [Fact]
    public void An_agents_token_and_allowed_hosts_are_in_its_environment_never_on_its_command_line()
    {
        var spec = ServiceSpecs.ForAgent(Agent, Labels, "ctl");
        var container = spec.TaskTemplate.ContainerSpec;

        Assert.Equal(
            [$"{AgentEndpoint.TokenVariable}=0123456789abcdef0123456789abcdef", $"{AllowedHosts.Variable}=10.231.0.11,10.231.0.12", "DOTNET_ROOT=/usr/share/dotnet", "TMPDIR=/run/bench-tmp"],
            container.Env);
        Assert.DoesNotContain(container.Command, c => c.Contains("0123456789abcdef", StringComparison.Ordinal));
        Assert.Equal("1", spec.Labels[ServiceLabels.SlotKey]);
        Assert.Equal("agent", spec.Labels[ContainerLabels.TargetKey]);
        Assert.Equal("launch1", container.Labels[ContainerLabels.LauncherKey]);
        Assert.DoesNotContain("0123456789abcdef", Agent.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_sampling_agent_runs_on_the_target_nodes_reads_their_proc_mounted_read_only_and_may_load_no_host()
    {
        var spec = ServiceSpecs.ForMeter(Agent, Labels, "ctl");
        var task = spec.TaskTemplate;

        Assert.NotNull(spec.Mode.Global);
        Assert.Equal(["node.labels.bench.target==true"], task.Placement.Constraints);
        Assert.Equal("host", Assert.Single(task.Networks).Target);
        Assert.Equal(["/opt/bench/Bench", "agent", "--listen", "0.0.0.0:12345", "--proc", "/host/proc"], task.ContainerSpec.Command);
        var proc = Assert.Single(task.ContainerSpec.Mounts, m => m.Type == "bind");
        Assert.Equal(("/proc", "/host/proc", true), (proc.Source, proc.Target, proc.ReadOnly));
        Assert.Contains($"{AllowedHosts.Variable}=", task.ContainerSpec.Env);
        Assert.Equal(["ALL"], task.ContainerSpec.CapabilityDrop);
        Assert.Equal(("meter", "launch1"), (spec.Labels[ContainerLabels.TargetKey], spec.Labels[ContainerLabels.LauncherKey]));
        Assert.Equal("bench-meter-launch1-12345", spec.Name);
    }

    [Fact]
    public void A_new_token_is_32_hex_digits_and_never_the_same()
    {
        string token = AgentLaunch.NewToken();

        Assert.Matches("^[0-9a-f]{32}$", token);
        Assert.NotEqual(token, AgentLaunch.NewToken());
    }
}
