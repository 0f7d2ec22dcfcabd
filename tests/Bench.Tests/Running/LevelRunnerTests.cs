using Bench.Load;
using Bench.Running;
using Bench.Scenarios;
using Bench.Launch;
using Bench.Launch.Sampling;
using Bench.Tests.Support;

namespace Bench.Tests.Running;

/// <summary>One level: the target's meter reads between the same two instants as the engine's window.</summary>
public sealed class LevelRunnerTests
{
    private static readonly TimeSpan Warmup = TimeSpan.FromMilliseconds(400);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Scenario Scenario() => Assert.Single(new ScenarioLoader(FixtureCatalog.Models()).Parse("""
        name: window
        description: one short level
        targets: [async]
        request: { path: "/io?ms=5" }
        load: { levels: [2], warmup: 400ms, duration: 1s }
        """, "window.yaml"));

    [Fact]
    public async Task The_targets_meter_opens_and_closes_with_the_engines_measured_window()
    {
        await using var process = await RunningTarget.StartAsync("async");
        var target = new RecordingTarget(process);
        var runner = new LevelRunner(new LoadEngine(), new SweepSettings(), new LineProgress(TextWriter.Null));

        var result = await runner.RunAsync(Scenario(), target, 2, 1, Ct);

        // The engine's window, on the wall clock: from the start of its plan, after the warm-up, for the duration it ran.
        var engineOpen = result.StartedAt + Warmup;
        var engineClose = engineOpen + TimeSpan.FromSeconds(result.DurationSeconds);
        var meter = Assert.Single(target.Meters);
        // Never before the engine's instant (2 ms for the two clocks' rounding), and soon after it.
        Assert.InRange((meter.OpenedAt - engineOpen).TotalMilliseconds, -2, 250);
        Assert.InRange((meter.StoppedAt - engineClose).TotalMilliseconds, -2, 250);
        Assert.True(result.Resources.CpuSeconds > 0);
        Assert.True(result.Generator.SamplerCpuSeconds > 0, "the sampler's own CPU is recorded apart");
    }

    [Fact]
    public async Task The_level_records_the_interference_on_the_targets_and_the_generators_cores()
    {
        await using var process = await RunningTarget.StartAsync("async");
        var target = new RecordingTarget(process) { ClaimedCpus = CpuSet.Of(0) };
        var runner = new LevelRunner(new LoadEngine(), new SweepSettings { GeneratorCpus = 1 }, new LineProgress(TextWriter.Null));

        var result = await runner.RunAsync(Scenario(), target, 2, 1, Ct);

        var interference = Assert.IsType<Interference>(result.Interference);
        int generatorCore = Environment.ProcessorCount - 1;
        Assert.Equal(generatorCore == 0 ? [0] : [0, generatorCore], interference.Cpus);
        Assert.InRange(interference.StealShare, 0, 1);
        Assert.InRange(interference.OtherShare, 0, 1);
    }

    /// <summary>A real target whose meters note the wall-clock instants they were opened and stopped at.</summary>
    private sealed class RecordingTarget(TargetProcess inner) : IRunningTarget
    {
        public List<RecordingMeter> Meters { get; } = [];

        public CpuSet? ClaimedCpus { get; init; }

        public TargetDefinition Definition => inner.Definition;

        public int Port => inner.Port;

        public CpuSet? Cpus => ClaimedCpus ?? inner.Cpus;

        public Task<TargetExit?> CheckExitAsync(CancellationToken cancellationToken) => inner.CheckExitAsync(cancellationToken);

        public async Task<IResourceMeter> PrepareMeterAsync(TimeProvider timeProvider, CancellationToken cancellationToken)
        {
            var meter = new RecordingMeter(await inner.PrepareMeterAsync(timeProvider, cancellationToken));
            Meters.Add(meter);
            return meter;
        }

        public Task<int> StopAsync(TimeSpan grace) => inner.StopAsync(grace);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private sealed class RecordingMeter(IResourceMeter inner) : IResourceMeter
    {
        public DateTimeOffset OpenedAt { get; private set; }

        public DateTimeOffset StoppedAt { get; private set; }

        public TimeSpan OwnCpu => inner.OwnCpu;

        public Task OpenAsync(CancellationToken cancellationToken)
        {
            OpenedAt = DateTimeOffset.UtcNow;
            return inner.OpenAsync(cancellationToken);
        }

        public Task<ResourceUsage> StopAsync(CancellationToken cancellationToken)
        {
            StoppedAt = DateTimeOffset.UtcNow;
            return inner.StopAsync(cancellationToken);
        }

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
