using Bench.Launch;
using Bench.Launch.Docker;

namespace Bench.Tests.Launch.Docker;

public sealed class ContainerRequestTests
{
    private static readonly ContainerLabels Labels = new(4242, 777, "launch1", "/repo");

    private static TargetDefinition Boxed(CpuSet? cpus = null) =>
        new("boxed", "x", ["/app/server", "--port", "{port}"], new Dictionary<string, string> { ["PORT"] = "{port}", ["DOTNET_ROOT"] = "/usr/share/dotnet" })
        {
            Container = new ContainerSpec(new ImageRecipe(["/app"], [])) { MemoryBytes = 64L << 20, Cpus = cpus },
        };

    [Fact]
    public void A_container_runs_the_command_on_the_host_network_unprivileged_read_only_with_its_limits_and_labels()
    {
        var request = ContainerRequest.For(Boxed(), "bench-target:abc", 8123, new TargetLaunchOptions { Cpus = CpuSet.Of(0), CpuQuota = 0.5 }, Labels);

        Assert.Equal("bench-target:abc", request.Image);
        Assert.Equal(["/app/server", "--port", "8123"], request.Cmd);
        Assert.Equal(["PORT=8123", "DOTNET_ROOT=/usr/share/dotnet", "TMPDIR=/run/bench-tmp"], request.Env);
        Assert.Equal("65534:65534", request.User);
        var host = request.HostConfig;
        Assert.Equal("host", host.NetworkMode);
        Assert.Equal("0", host.CpusetCpus);
        Assert.Equal(64L << 20, host.Memory);
        Assert.Equal(64L << 20, host.MemorySwap);
        Assert.Equal(CpuQuota.Plan(0.5), (host.CPUPeriod, host.CPUQuota));
        Assert.True(host.ReadonlyRootfs);
        Assert.False(host.Privileged);
        Assert.Equal(["ALL"], host.CapDrop);
        Assert.Contains("no-new-privileges", host.SecurityOpt);
        // Not /tmp: a checkout under /tmp is in the image at its own path, and a tmpfs there would hide it.
        Assert.Equal([ContainerRequest.ScratchDirectory], host.Tmpfs.Keys);
        Assert.Equal("4242", request.Labels[ContainerLabels.Owner]);
        Assert.Equal("777", request.Labels[ContainerLabels.OwnerStart]);
        Assert.Equal("launch1", request.Labels[ContainerLabels.LauncherKey]);
        Assert.Equal("/repo", request.Labels[ContainerLabels.CheckoutKey]);
        Assert.Equal("boxed", request.Labels[ContainerLabels.TargetKey]);
        Assert.StartsWith("bench-boxed-launch1-8123-", request.Name, StringComparison.Ordinal);
    }

    [Fact]
    public void The_catalogues_cores_win_over_the_sweeps_and_no_quota_means_none()
    {
        var request = ContainerRequest.For(Boxed(CpuSet.Of(1)), "img", 1, new TargetLaunchOptions { Cpus = CpuSet.Of(0) }, Labels);

        Assert.Equal("1", request.HostConfig.CpusetCpus);
        Assert.Equal(0, request.HostConfig.CPUQuota);
    }

    [Fact]
    public void Unpinned_means_every_core()
    {
        Assert.Null(ContainerRequest.For(Boxed(), "img", 1, new TargetLaunchOptions(), Labels).HostConfig.CpusetCpus);
    }
}
