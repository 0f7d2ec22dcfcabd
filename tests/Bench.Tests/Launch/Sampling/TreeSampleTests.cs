using Bench.Launch.Sampling;
using Bench.Tests.Support;

namespace Bench.Tests.Launch.Sampling;

/// <summary>Sampling arithmetic on a fake /proc, where every number is known.</summary>
public sealed class TreeSampleTests : IDisposable
{
    private const double Ticks = 100;
    private readonly FakeProc _proc = new();

    public void Dispose() => _proc.Dispose();

    [Fact]
    public void The_tree_is_the_root_and_its_descendants_only()
    {
        _proc.Process(100, 1, 0, 0, 10, threads: [(100, 0, 0)]);
        _proc.Process(101, 100, 0, 0, 10, threads: [(101, 0, 0)]);
        _proc.Process(102, 101, 0, 0, 10, threads: [(102, 0, 0)]);
        _proc.Process(200, 1, 0, 0, 10, threads: [(200, 0, 0)]);

        var tree = ProcessTree.Of(100, new ProcFs(_proc.Root));

        Assert.Equal([100, 101, 102], tree.Select(p => p.Pid));
        Assert.Empty(ProcessTree.Of(999, new ProcFs(_proc.Root)));
    }

    [Fact]
    public void A_stat_line_is_read_even_when_the_command_name_holds_spaces_and_parentheses()
    {
        var stat = ProcStat.Parse("42 (a (b) c) R 7 42 42 0 -1 0 0 0 0 0 150 50 9 9 20 0 12 0 555 0 300 0");

        Assert.Equal(new ProcStat(42, 7, 'R', 150, 50, 12, 555, 300), stat);
        Assert.Equal(200, stat!.CpuTicks);
        Assert.Null(ProcStat.Parse(""));
    }

    [Fact]
    public void Cpu_and_switches_are_increases_over_the_window_and_rss_and_threads_are_peaks()
    {
        var fs = new ProcFs(_proc.Root);
        _proc.Process(100, 1, utime: 1000, stime: 500, rssPages: 100, threads: [(100, 10, 1), (110, 20, 2)]);
        var usage = new UsageAccumulator(TreeSample.Take(100, fs), Ticks);

        // A child is born and a thread too; the root burns 150 ticks and grows.
        _proc.Process(100, 1, utime: 1100, stime: 550, rssPages: 400, threads: [(100, 15, 1), (110, 25, 4), (111, 7, 1)]);
        _proc.Process(101, 100, utime: 30, stime: 20, rssPages: 50, threads: [(101, 3, 0)]);
        usage.Add(TreeSample.Take(100, fs));
        // The child exits (what it did still counts); the root shrinks back.
        _proc.Remove(101);
        _proc.Process(100, 1, utime: 1200, stime: 600, rssPages: 100, threads: [(100, 16, 1), (110, 25, 4), (111, 7, 1)]);
        usage.Add(TreeSample.Take(100, fs));

        var result = usage.Result(TimeSpan.FromSeconds(1));

        Assert.Equal((300 + 50) / Ticks, result.CpuSeconds, 6);
        Assert.Equal((6 + 5 + 7 + 3, 0 + 2 + 1 + 0), (result.VoluntaryContextSwitches, result.InvoluntaryContextSwitches));
        Assert.Equal(450L * Environment.SystemPageSize, result.PeakRssBytes);
        Assert.Equal(3 + 1, result.MaxThreads);
        Assert.Equal(3, result.Samples);
    }

    [Fact]
    public void A_pid_reused_by_a_new_process_counts_from_zero()
    {
        var fs = new ProcFs(_proc.Root);
        _proc.Process(100, 1, 10, 0, 1, threads: [(100, 0, 0)]);
        _proc.Process(101, 100, utime: 500, stime: 0, rssPages: 1, start: 2000, threads: [(101, 0, 0)]);
        var usage = new UsageAccumulator(TreeSample.Take(100, fs), Ticks);

        _proc.Process(101, 100, utime: 40, stime: 0, rssPages: 1, start: 3000, threads: [(101, 0, 0)]);
        usage.Add(TreeSample.Take(100, fs));

        Assert.Equal(0.4, usage.Result(TimeSpan.FromSeconds(1)).CpuSeconds, 6);
    }

    [Fact]
    public void Zombies_are_not_part_of_a_sample()
    {
        _proc.Process(100, 1, 10, 0, 1, threads: [(100, 0, 0)]);
        _proc.Process(101, 100, 999, 0, 999, state: 'Z', threads: [(101, 0, 0)]);

        var sample = TreeSample.Take(100, new ProcFs(_proc.Root));

        Assert.Equal([100], sample.CpuTicks.Keys.Select(k => k.Pid));
        Assert.Equal(Environment.SystemPageSize, sample.RssBytes);
    }
}
