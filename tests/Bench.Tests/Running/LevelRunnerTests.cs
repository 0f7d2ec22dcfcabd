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

        var result = await runner.RunAsync(Scenario(), "async", target, 2, 1, Ct);

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

        var result = await runner.RunAsync(Scenario(), "async", target, 2, 1, Ct);

        var interference = Assert.IsType<Interference>(result.Interference);
        int generatorCore = Environment.ProcessorCount - 1;
        Assert.Equal(generatorCore == 0 ? [0] : [0, generatorCore], interference.Cpus);
        Assert.InRange(interference.StealShare, 0, 1);
        Assert.InRange(interference.OtherShare, 0, 1);
    }

    [Fact]
    public async Task A_background_stream_runs_in_the_levels_window_and_is_recorded_apart_from_the_levels_own_numbers()
    {
        var scenario = Assert.Single(new ScenarioLoader(FixtureCatalog.Models()).Parse("""
            name: mixed
            description: a /hello probe beside a stream of 20 ms waits
            targets: [async]
            request: { path: /hello }
            background: [{ name: waits, path: "/io?ms=20", connections: 2 }]
            load: { levels: [1], warmup: 300ms, duration: 1s }
            """, "mixed.yaml"));
        await using var process = await RunningTarget.StartAsync("async");
        var runner = new LevelRunner(new LoadEngine(), new SweepSettings(), new LineProgress(TextWriter.Null));

        var result = await runner.RunAsync(scenario, "async", new RecordingTarget(process), 1, 1, Ct);

        var waits = Assert.Single(result.Background);
        Assert.Equal(("waits", "/io?ms=20"), (waits.Name, waits.Path));
        // Two connections each waiting 20 ms: about 100 a second, every one at least 20 ms.
        Assert.InRange(waits.ThroughputRps, 50, 110);
        Assert.True(waits.LatencyMs!.P50 >= 20, $"the stream's own latency: p50 {waits.LatencyMs.P50} ms");
        // The level's own numbers are the probe's alone: /hello answers at once, far more often.
        Assert.True(result.LatencyMs!.P50 < 10, $"the probe's p50 {result.LatencyMs.P50} ms");
        Assert.True(result.Requests > 5 * waits.Requests);
        // A closed background stream has no rate to miss: it never makes the level invalid itself (a busy generator may).
        Assert.DoesNotContain("stream", result.InvalidReason ?? "", StringComparison.Ordinal);
        // The target's CPU served both: it is per request of them all.
        Assert.Equal(result.Resources.CpuSeconds * 1000 / (result.Requests + waits.Requests), result.Resources.CpuMsPerRequest!.Value, 9);
    }

    [Fact]
    public async Task A_variant_is_sent_its_own_path_and_recorded_under_its_own_name()
    {
        var scenario = Assert.Single(new ScenarioLoader(FixtureCatalog.Models()).Parse("""
            name: variant
            description: async on /hello and on 20 ms waits
            targets: [async, { name: async-waits, target: async, path: "/io?ms=20" }]
            request: { path: /hello }
            load: { levels: [1], warmup: 200ms, duration: 600ms }
            """, "variant.yaml"));
        await using var process = await RunningTarget.StartAsync(scenario.CatalogueTarget("async-waits"));
        var runner = new LevelRunner(new LoadEngine(), new SweepSettings(), new LineProgress(TextWriter.Null));

        var result = await runner.RunAsync(scenario, "async-waits", new RecordingTarget(process), 1, 1, Ct);

        Assert.Equal("async-waits", result.Target);
        Assert.True(result.LatencyMs!.P50 >= 20, $"p50 {result.LatencyMs.P50} ms: the variant's /io?ms=20, not /hello");
        Assert.Empty(result.Background);
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
