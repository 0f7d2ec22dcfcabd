using System.Diagnostics;
using Bench.Launch.Sampling;
using Bench.Launch.Verification;
using Bench.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Bench.Tests.Launch.Sampling;

public sealed class ResourceSamplerTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Samples_are_taken_on_the_injected_clock_and_the_window_is_its_time()
    {
        using var proc = new FakeProc();
        proc.Process(100, 1, 0, 0, rssPages: 10, threads: [(100, 0, 0)]);
        var time = new FakeTimeProvider();
        await using var sampler = ResourceSampler.Start(100, TimeSpan.FromMilliseconds(250), time, new ProcFs(proc.Root));

        // The peak exists only between two ticks: only a periodic sample can see it.
        proc.Process(100, 1, 0, 0, rssPages: 500, threads: [(100, 0, 0)]);
        time.Advance(TimeSpan.FromMilliseconds(250));
        await WaitForAsync(() => sampler.Samples >= 2);
        proc.Process(100, 1, 0, 0, rssPages: 10, threads: [(100, 0, 0)]);
        time.Advance(TimeSpan.FromMilliseconds(100));
        var usage = await sampler.StopAsync(Ct);

        Assert.Equal(500L * Environment.SystemPageSize, usage.PeakRssBytes);
        Assert.Equal(TimeSpan.FromMilliseconds(350), usage.Window);
        Assert.Equal(3, usage.Samples);
        Assert.Same(usage, await sampler.StopAsync(Ct));
    }

    [Fact]
    public async Task Cpu_work_on_a_real_target_shows_up_as_its_cpu_seconds()
    {
        await using var target = await RunningTarget.StartAsync("async");
        var sampler = ResourceSampler.Start(target.Pid, TimeSpan.FromMilliseconds(100));

        // 40 × 20 000 SHA-256 rounds: on the order of a second of CPU on this machine.
        for (int i = 0; i < 40; i++)
        {
            Assert.Equal(200, (await HttpProbe.GetAsync(target.Port, "/cpu?n=20000", Timeout, Ct)).Status);
        }

        var usage = await sampler.StopAsync(Ct);
        _ = ReferenceDigest.Compute(100);

        // This thread's CPU clock, not the wall clock: a suite running beside it (or steal) must not inflate the reference.
        var before = Bench.Load.Platform.CpuTime.CurrentThread();
        _ = ReferenceDigest.Compute(20_000);
        var own = Bench.Load.Platform.CpuTime.CurrentThread() - before;

        // At least a quarter of what the same rounds cost in this process: loose for a noisy machine, far above idle.
        double expected = 40 * own.TotalSeconds;
        Assert.True(usage.CpuSeconds > expected / 4, $"{usage.CpuSeconds:0.000} s of CPU; the work alone costs about {expected:0.000} s");
        Assert.True(usage.Samples >= 2);
        Assert.True(usage.PeakRssBytes > 1_000_000, $"peak RSS {usage.PeakRssBytes}");
        Assert.True(usage.VoluntaryContextSwitches > 0);
    }

    [Fact]
    public async Task Many_connections_to_the_threads_model_raise_its_thread_count()
    {
        await using var target = await RunningTarget.StartAsync("threads");
        var idle = await ResourceSampler.Start(target.Pid).StopAsync(Ct);
        var sampler = ResourceSampler.Start(target.Pid, TimeSpan.FromMilliseconds(50));

        // Each open connection holds a thread of its own, even before it sends anything.
        var connections = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => HttpProbe.ConnectAsync(target.Port, Ct)));
        try
        {
            await WaitForAsync(() => sampler.Current().MaxThreads >= idle.MaxThreads + 40);
        }
        finally
        {
            foreach (var connection in connections)
            {
                await connection.DisposeAsync();
            }
        }

        var usage = await sampler.StopAsync(Ct);
        Assert.True(usage.MaxThreads >= idle.MaxThreads + 40, $"idle {idle.MaxThreads} threads, loaded {usage.MaxThreads}");
    }

    [Fact]
    public async Task A_busy_child_counts_as_the_target_s_cpu()
    {
        // The root only waits; its child (a shell loop) burns CPU until stopped.
        await using var target = await TargetProcessFixtures.StartShellAsync("sh -c 'while :; do :; done' & echo 'listening on http://127.0.0.1:1'; wait");
        var sampler = ResourceSampler.Start(target.Pid, TimeSpan.FromMilliseconds(100));
        await Task.Delay(TimeSpan.FromMilliseconds(800), Ct);

        var usage = await sampler.StopAsync(Ct);

        Assert.True(usage.CpuSeconds > 0.1, $"{usage.CpuSeconds:0.000} s");
        Assert.True(usage.MaxThreads >= 2, "the root and its child");
    }

    [Fact]
    public async Task A_prepared_sampler_reads_nothing_until_its_window_opens_and_its_window_counts_from_there()
    {
        using var proc = new FakeProc();
        proc.Process(100, 1, utime: 500, stime: 0, rssPages: 10, threads: [(100, 0, 0)]);
        var time = new FakeTimeProvider();
        await using var sampler = ResourceSampler.Prepare(100, TimeSpan.FromSeconds(10), time, new ProcFs(proc.Root));

        // What the target does before the window opens (the warm-up) is not the level's.
        time.Advance(TimeSpan.FromSeconds(2));
        proc.Process(100, 1, utime: 900, stime: 0, rssPages: 400, threads: [(100, 0, 0)]);
        Assert.Equal(0, sampler.Samples);
        await sampler.OpenAsync(Ct);
        proc.Process(100, 1, utime: 950, stime: 0, rssPages: 20, threads: [(100, 0, 0)]);
        time.Advance(TimeSpan.FromSeconds(1));
        var usage = await sampler.StopAsync(Ct);

        Assert.Equal(50.0 / ClockTicks.PerSecond, usage.CpuSeconds, 9);
        Assert.Equal(TimeSpan.FromSeconds(1), usage.Window);
        Assert.Equal(2, usage.Samples);
    }

    [Fact]
    public async Task A_sampler_stopped_before_its_window_opened_measured_nothing()
    {
        using var proc = new FakeProc();
        proc.Process(100, 1, 0, 0, rssPages: 10, threads: [(100, 0, 0)]);
        await using var sampler = ResourceSampler.Prepare(100, procFs: new ProcFs(proc.Root));

        Assert.Same(ResourceUsage.None, await sampler.StopAsync(Ct));
        Assert.Equal(TimeSpan.Zero, sampler.OwnCpu);
    }

    [Fact]
    public async Task The_cpu_its_own_scans_cost_is_counted_apart()
    {
        using var proc = new FakeProc();
        for (int pid = 100; pid < 160; pid++)
        {
            proc.Process(pid, pid == 100 ? 1 : 100, 0, 0, rssPages: 10, threads: [(pid, 0, 0)]);
        }

        await using var sampler = ResourceSampler.Start(100, TimeSpan.FromMilliseconds(10), procFs: new ProcFs(proc.Root));
        await WaitForAsync(() => sampler.Samples >= 5);
        await sampler.StopAsync(Ct);

        // Thread CPU around each scan: every scan of 60 processes costs something, and the sampler saw 6 or more.
        Assert.True(sampler.OwnCpu > TimeSpan.Zero, $"own CPU {sampler.OwnCpu}");
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(clock.Elapsed < Timeout, "condition not reached in time");
            await Task.Delay(20, Ct);
        }
    }
}
