using Bench.Launch.Sampling;
using Bench.Tests.Support;

namespace Bench.Tests.Launch.Sampling;

public sealed class InterferenceTests
{
    [Fact]
    public void Given_proc_stat_then_each_cpu_line_is_read_and_the_total_line_is_not()
    {
        var cpus = CpuTimes.Parse("cpu  9 9 9 9 9 9 9 9 0 0\ncpu0 1 2 3 4 5 6 7 8 0 0\ncpu1 10 0 20 30 0 0 0 5 0 0\nintr 262459 0 0\nctxt 958011\n");

        Assert.Equal([0, 1], cpus.Keys.Order());
        Assert.Equal(new CpuTimes(0, 1, 2, 3, 4, 5, 6, 7, 8), cpus[0]);
        Assert.Equal(65, cpus[1].Total);
        Assert.Equal(30, cpus[1].Busy);
    }

    [Fact]
    public void Given_an_old_kernel_without_steal_then_its_steal_reads_zero()
    {
        var cpu = CpuTimes.Parse("cpu0 100 0 50 850 0 0 0\n")[0];

        Assert.Equal(0, cpu.Steal);
        Assert.Equal(1000, cpu.Total);
    }

    [Fact]
    public void Steal_and_other_work_are_shares_of_the_measured_cores_time_with_the_target_and_bench_taken_out()
    {
        // Over the window each core ran 1000 ticks (10 s at 100 ticks/s). Core 0: 580 busy in processes (and 20 in
        // interrupts, not counted), 100 stolen; core 1: 500 busy, 0 stolen.
        var first = CpuTimes.Parse("cpu0 1000 0 1000 1000 0 0 0 100\ncpu1 1000 0 1000 1000 0 0 0 0\ncpu2 0 0 0 0 0 0 0 0\n");
        var last = CpuTimes.Parse("cpu0 1500 0 1080 1300 0 10 10 200\ncpu1 1400 0 1100 1500 0 0 0 0\ncpu2 9000 0 0 0 0 0 0 900\n");

        // The target spent 5 s (500 ticks), Bench 4 s (400 ticks): 1080 - 900 = 180 ticks of 2000 went to other processes.
        var interference = Interference.Between(first, last, [0, 1], targetCpuSeconds: 5, benchCpuSeconds: 4, ticksPerSecond: 100);

        Assert.NotNull(interference);
        Assert.Equal([0, 1], interference.Cpus);
        Assert.Equal(100.0 / 2000, interference.StealShare, 9);
        Assert.Equal(180.0 / 2000, interference.OtherShare, 9);
        Assert.True(interference.IsNoisy);
    }

    [Fact]
    public void Softirq_time_the_loopback_network_spends_for_the_measured_pair_is_not_other_work()
    {
        // A Python asyncio target at 64 connections: its core spent 200 of 1000 ticks in softirq, charged to no process.
        var first = CpuTimes.Parse("cpu0 0 0 0 0 0 0 0 0\n");
        var last = CpuTimes.Parse("cpu0 250 0 100 450 0 0 200 0\n");

        var interference = Interference.Between(first, last, [0], targetCpuSeconds: 3.5, benchCpuSeconds: 0, ticksPerSecond: 100);

        Assert.Equal(0, interference!.OtherShare);
        Assert.False(interference.IsNoisy);
    }

    [Fact]
    public void Other_work_never_reads_below_zero_when_the_target_and_bench_account_for_all_of_it()
    {
        var first = CpuTimes.Parse("cpu0 0 0 0 0 0 0 0 0\n");
        var last = CpuTimes.Parse("cpu0 300 0 100 600 0 0 0 0\n");

        var interference = Interference.Between(first, last, [0], targetCpuSeconds: 3, benchCpuSeconds: 2, ticksPerSecond: 100);

        Assert.Equal(0, interference!.OtherShare);
        Assert.False(interference.IsNoisy);
    }

    [Fact]
    public void A_core_missing_from_a_reading_gives_no_interference_rather_than_a_wrong_one()
    {
        var first = CpuTimes.Parse("cpu0 0 0 0 0 0 0 0 0\n");
        var last = CpuTimes.Parse("cpu0 300 0 100 600 0 0 0 0\ncpu1 1 1 1 1 1 1 1 1\n");

        Assert.Null(Interference.Between(first, last, [0, 1], 0, 0, 100));
    }

    [Fact]
    public void The_meter_reads_proc_stat_and_benchs_cpu_at_open_and_close()
    {
        using var proc = new FakeProc();
        proc.CpuStat((1000, 0, 1000, 1000, 0, 0, 0, 0), (1000, 0, 1000, 1000, 0, 0, 0, 0));
        var bench = TimeSpan.FromSeconds(7);
        var meter = new InterferenceMeter([1], new ProcFs(proc.Root), () => bench);

        meter.Open();
        // Core 1: 1000 ticks; 700 busy, of which Bench ran 5 s (500 ticks) and nothing of the target; 50 stolen.
        proc.CpuStat((1000, 0, 1000, 1000, 0, 0, 0, 0), (1600, 0, 1100, 1250, 0, 0, 0, 50));
        bench += TimeSpan.FromSeconds(5);
        var interference = meter.Close(targetCpuSeconds: 0);

        Assert.NotNull(interference);
        Assert.Equal([1], interference.Cpus);
        Assert.Equal(0.05, interference.StealShare, 9);
        Assert.Equal(0.2, interference.OtherShare, 9);
        Assert.True(meter.OwnCpu > TimeSpan.Zero);
    }

    [Fact]
    public void Without_pinning_the_meter_looks_at_every_core_and_without_proc_stat_it_measures_nothing()
    {
        using var proc = new FakeProc();
        proc.CpuStat((0, 0, 0, 0, 0, 0, 0, 0), (0, 0, 0, 0, 0, 0, 0, 0));
        var meter = new InterferenceMeter(null, new ProcFs(proc.Root), () => TimeSpan.Zero);
        meter.Open();
        proc.CpuStat((0, 0, 0, 100, 0, 0, 0, 0), (0, 0, 0, 100, 0, 0, 0, 0));

        Assert.Equal([0, 1], meter.Close(0)!.Cpus);

        using var empty = new FakeProc();
        var blind = new InterferenceMeter([0], new ProcFs(empty.Root), () => TimeSpan.Zero);
        blind.Open();
        Assert.Null(blind.Close(0));
    }

    [Fact]
    public void Only_a_cell_above_the_threshold_gets_a_noisy_note_naming_the_worst_repeat()
    {
        Assert.Null(Interference.NoteFor([new Interference([0, 1], 0.01, 0.04), null]));

        string? note = Interference.NoteFor([new Interference([0, 1], 0.01, 0.05), new Interference([0, 1], 0.1, 0.02)]);

        Assert.Equal("noisy: 12% of cores 0,1 taken by other work (steal 10%, other processes 2%)", note);
    }
}
