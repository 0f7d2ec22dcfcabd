using System.Diagnostics;
using Bench.Sdk.Measurement;

namespace Bench.Sdk.Tests.Measurement;

/// <summary>The generator's CPU is its window's, as bench load's: what a level spends setting up before it is not counted.</summary>
[Collection(nameof(GeneratorMeterTests))]
[CollectionDefinition(nameof(GeneratorMeterTests), DisableParallelization = true)]
public sealed class GeneratorMeterTests
{
    [Fact]
    public void Given_CPU_spent_between_a_meters_creation_and_its_window_when_it_is_sealed_then_only_the_windows_CPU_is_counted()
    {
        long ticks = Stopwatch.Frequency;
        var meter = new LevelMeter(open: false, Stopwatch.GetTimestamp(), ticks, ticks / 100, ticks * 5, DateTimeOffset.UtcNow);
        BurnCpu(TimeSpan.FromMilliseconds(600)); // a level's setup: its meters made, its copies started

        meter.OpenWindow(Stopwatch.GetTimestamp());
        BurnCpu(TimeSpan.FromMilliseconds(50));
        meter.Seal(Stopwatch.GetTimestamp());

        Assert.InRange(meter.Generator.CpuSeconds, 0.05, 0.4);
    }

    /// <summary>Spins until this process has used <paramref name="cpu"/> more CPU time (not wall time: the machine may be busy).</summary>
    private static void BurnCpu(TimeSpan cpu)
    {
        using var process = Process.GetCurrentProcess();
        var until = process.TotalProcessorTime + cpu;
        while (true)
        {
            Thread.SpinWait(10_000);
            process.Refresh();
            if (process.TotalProcessorTime >= until)
            {
                return;
            }
        }
    }
}
