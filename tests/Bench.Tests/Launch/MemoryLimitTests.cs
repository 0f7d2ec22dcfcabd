using Bench.Launch;
using Bench.Launch.Cgroups;
using Bench.Tests.Support;

namespace Bench.Tests.Launch;

public sealed class MemoryLimitTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static CgroupAccess Memory => CgroupHost.System.Memory;

    // Prints its line, then asks for far more than its limit: the kernel kills it.
    private static TargetDefinition Hungry() => new(
        "hungry", "test",
        ["python3", "-c", "import sys, time; print('ready', flush=True); time.sleep(0.3); x = bytearray(256 << 20); time.sleep(10)", "{port}"],
        new Dictionary<string, string>())
    {
        Readiness = new StdoutReadiness("^ready$"),
    };

    [Fact]
    public async Task A_process_over_its_memory_limit_is_killed_and_said_to_be_killed_for_memory()
    {
        Assert.SkipUnless(MemoryLimit.IsAvailable, $"needs a cgroup memory controller Bench can use: {Memory.Reason}");
        string cgroup;
        await using (var target = await TargetProcess.StartAsync(Hungry(), new TargetLaunchOptions { MemoryLimitBytes = 32L << 20 }, Ct))
        {
            cgroup = KernelCgroups.GroupOf(target.Pid, Memory);
            Assert.StartsWith(Path.Join(Memory.Parent, "bench-"), cgroup, StringComparison.Ordinal);
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            deadline.CancelAfter(TimeSpan.FromSeconds(10));
            TargetExit? exit;
            while ((exit = await target.CheckExitAsync(deadline.Token)) is null)
            {
                await Task.Delay(50, deadline.Token);
            }

            Assert.True(exit.OutOfMemory, exit.Description);
            Assert.Equal(137, exit.Code);
            Assert.StartsWith("was killed for exceeding its memory limit of 32m (out of memory, exit code 137)", exit.Description, StringComparison.Ordinal);
        }

        Assert.False(Directory.Exists(cgroup), "the cgroup is removed with the target");
    }

    [Fact]
    public async Task A_process_within_its_limit_runs_and_a_kill_by_hand_is_not_called_a_kill_for_memory()
    {
        Assert.SkipUnless(MemoryLimit.IsAvailable, $"needs a cgroup memory controller Bench can use: {Memory.Reason}");
        var definition = new TargetDefinition("small", "test", [TargetsBinary.Locate(), "--model", "async", "--port", "{port}"], new Dictionary<string, string>());
        await using var target = await TargetProcess.StartAsync(definition, new TargetLaunchOptions { MemoryLimitBytes = 256L << 20 }, Ct);

        Assert.Null(await target.CheckExitAsync(Ct));
        System.Diagnostics.Process.GetProcessById(target.Pid).Kill();
        await target.StopAsync(TimeSpan.FromSeconds(5));

        var exit = await target.CheckExitAsync(Ct);
        Assert.NotNull(exit);
        Assert.False(exit.OutOfMemory);
        Assert.Equal("exited with code 137", exit.Description);
    }
}
