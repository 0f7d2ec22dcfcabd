using Bench.Load;
using Bench.Launch;
using Bench.Launch.Cgroups;
using Bench.Launch.Sampling;
using Bench.Tests.Support;

namespace Bench.Tests.Launch;

public sealed class CpuQuotaTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static CgroupAccess Cpu => CgroupHost.System.Cpu;

    [Fact]
    public async Task A_target_under_a_quarter_core_quota_uses_no_more_than_that_and_its_cgroup_is_removed()
    {
        Assert.SkipUnless(CpuQuota.IsAvailable, $"needs a cgroup cpu controller Bench can use: {Cpu.Reason}");
        var definition = new TargetDefinition("quota", "test", [TargetsBinary.Locate(), "--model", "async", "--port", "{port}"], new Dictionary<string, string>());
        string cgroup;
        await using (var target = await TargetProcess.StartAsync(definition, new TargetLaunchOptions { CpuQuota = 0.25 }, Ct))
        {
            cgroup = KernelCgroups.GroupOf(target.Pid, Cpu);
            Assert.StartsWith(Path.Join(Cpu.Parent, "bench-"), cgroup, StringComparison.Ordinal);

            // CPU-bound load on 4 connections: unlimited, the target would take a whole core.
            await using var sampler = ResourceSampler.Start(target.Pid);
            var load = await new LoadEngine().RunAsync(
                new LoadOptions { Url = new Uri($"http://127.0.0.1:{target.Port}/cpu?n=2000"), Connections = 4, Duration = TimeSpan.FromSeconds(1.5) }, null, Ct);
            var usage = await sampler.StopAsync(Ct);

            Assert.True(load.Requests > 0);
            double coresUsed = usage.CpuSeconds / usage.Window.TotalSeconds;
            Assert.True(coresUsed < 0.4, $"used {coresUsed:0.00} cores under a 0.25 quota");
        }

        Assert.False(Directory.Exists(cgroup), "the cgroup is removed with the target");
    }

    [Fact]
    public async Task A_target_that_dies_at_once_under_a_quota_is_a_start_error_not_a_crash()
    {
        Assert.SkipUnless(CpuQuota.IsAvailable, $"needs a cgroup cpu controller Bench can use: {Cpu.Reason}");
        var definition = new TargetDefinition("gone", "test", ["/nonexistent/server", "{port}"], new Dictionary<string, string>());

        for (int i = 0; i < 5; i++) // the race (exited before it could be moved) does not happen every time
        {
            var error = await Assert.ThrowsAsync<TargetStartException>(() =>
                TargetProcess.StartAsync(definition, new TargetLaunchOptions { CpuQuota = 0.5, Cpus = CpuSet.Of(0) }, Ct));
            Assert.Contains("/nonexistent/server", error.Message, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(Directory.GetDirectories(Cpu.Parent!), d => Path.GetFileName(d).StartsWith($"bench-{Environment.ProcessId}-", StringComparison.Ordinal));
    }

    [Fact]
    public void The_empty_quota_of_a_bench_process_that_is_gone_is_removed_by_the_next_one()
    {
        Assert.SkipUnless(CpuQuota.IsAvailable, $"needs a cgroup cpu controller Bench can use: {Cpu.Reason}");
        int gone = 5_000_000 + Random.Shared.Next(100_000); // above the kernel's largest pid_max (2^22): never a live process
        string abandoned = Path.Combine(Cpu.Parent!, $"bench-{gone}-1");
        Directory.CreateDirectory(abandoned);

        using var quota = TargetCgroups.Create(CgroupHost.System, 0.5, null);

        Assert.False(Directory.Exists(abandoned));
    }
}
