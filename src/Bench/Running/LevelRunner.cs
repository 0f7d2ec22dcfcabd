using Bench.Cluster;
using Bench.Load;
using Bench.Load.Platform;
using Bench.Results;
using Bench.Scenarios;
using Bench.Launch;
using Bench.Launch.Sampling;

namespace Bench.Running;

/// <summary>
/// Runs one level against a running target: one load run whose warm-up is not recorded, so the connections carry
/// over into the measured window (as in wrk2). The target (its process tree, or its container) and the machine's
/// interference on the measured cores are read when the engine opens its window and when it closes it
/// (<see cref="MeasuredWindow"/>), so every number of the level covers the same two instants.
/// </summary>
public sealed class LevelRunner(ILoadGenerator engine, SweepSettings settings, ISweepProgress progress, TimeProvider? timeProvider = null, ProcFs? procFs = null)
{
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    /// <summary>Runs <paramref name="name"/> (a target of the scenario, launched as <paramref name="target"/>) at one level, with the scenario's background streams beside it.</summary>
    public async Task<LevelResult> RunAsync(Scenario scenario, string name, IRunningTarget target, int level, int repeat, CancellationToken cancellationToken)
    {
        var options = LevelPlan.For(scenario, name, level, target.Port, settings.GeneratorCpus, target.Address) with { Warmup = scenario.Load.Warmup };
        var total = options.Warmup + options.Duration;
        var reporter = new Progress<LoadProgress>(p =>
            progress.LevelRunning(scenario.Name, name, level, repeat, total - p.Elapsed, p.Warmup, p.RecentRps, p.Errors));

        await using var meter = await target.PrepareMeterAsync(_time, cancellationToken);
        var window = new MeasuredWindow(meter, new InterferenceMeter(MeasuredCores(target), procFs));
        // The level's own run starts first: it pins the generator's threads before the streams' threads are made, so
        // they inherit its cores. The streams pin nothing themselves (a second pinning run would restore the wrong set).
        var measured = engine.RunAsync(options, reporter, window, cancellationToken);
        var backgroundStreams = scenario.BackgroundOf(name);
        var streams = backgroundStreams
            .Select(s => engine.RunAsync(LevelPlan.ForBackground(s, scenario.Load, target.Port, null, target.Address), null, null, cancellationToken))
            .ToArray();
        LoadResult load;
        LoadResult[] background;
        try
        {
            load = await measured;
            background = await Task.WhenAll(streams);
        }
        catch (AgentException e)
        {
            // Every agent is gone: nothing was measured, and the run goes on to say so for each remaining level.
            await Task.WhenAll(streams.Select(s => s.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default)));
            return LevelResultFactory.NotRun(name, level, repeat, _time.GetUtcNow(), $"not run: {e.Message}");
        }

        var exit = await target.CheckExitAsync(CancellationToken.None);
        var result = LevelResultFactory.From(name, level, repeat, load, window.Usage, exit);
        // Streams only add reasons: the level is valid when, with theirs, it has none.
        string? invalidReason = BackgroundResultFactory.Combine(result.InvalidReason, backgroundStreams, background);
        return result with
        {
            // The engine already left the sampler's CPU out of the generator's (IWindowObserver.OwnCpu): shown apart.
            Generator = result.Generator with { SamplerCpuSeconds = window.OwnCpu.TotalSeconds },
            Interference = window.Interference,
            Background = backgroundStreams.Zip(background, BackgroundResultFactory.From).ToArray(),
            // The target served every stream in the window: its CPU is per request of them all.
            Resources = background.Length == 0 ? result.Resources
                : ResourceResult.From(window.Usage, load.Requests + background.Sum(b => b.Requests), load.Attempts + background.Sum(b => b.Attempts)),
            Components = background.Length == 0 ? result.Components
                : ComponentResult.From(window.Usage, load.Requests + background.Sum(b => b.Requests), load.Attempts + background.Sum(b => b.Attempts)),
            Valid = invalidReason is null,
            InvalidReason = invalidReason,
        };
    }

    /// <summary>The target's cores and the generator's; null (every core) when either runs unpinned.</summary>
    private int[]? MeasuredCores(IRunningTarget target) =>
        target.Cpus is { } targetCpus && settings.GeneratorCpus is { } generator
            ? targetCpus.Cores.Union(CpuPlacement.Highest(generator)).Order().ToArray()
            : null;
}
