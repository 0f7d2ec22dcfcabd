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
public sealed class LevelRunner(LoadEngine engine, SweepSettings settings, ISweepProgress progress, TimeProvider? timeProvider = null, ProcFs? procFs = null)
{
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    public async Task<LevelResult> RunAsync(Scenario scenario, IRunningTarget target, int level, int repeat, CancellationToken cancellationToken)
    {
        var options = LevelPlan.For(scenario, level, target.Port, settings.GeneratorCpus) with { Warmup = scenario.Load.Warmup };
        var total = options.Warmup + options.Duration;
        var reporter = new Progress<LoadProgress>(p =>
            progress.LevelRunning(scenario.Name, target.Definition.Name, level, repeat, total - p.Elapsed, p.Warmup, p.RecentRps, p.Errors));

        await using var meter = await target.PrepareMeterAsync(_time, cancellationToken);
        var window = new MeasuredWindow(meter, new InterferenceMeter(MeasuredCores(target), procFs));
        var load = await engine.RunAsync(options, reporter, window, cancellationToken);

        var exit = await target.CheckExitAsync(CancellationToken.None);
        var result = LevelResultFactory.From(target.Definition.Name, level, repeat, load, window.Usage, exit);
        return result with
        {
            // The engine already left the sampler's CPU out of the generator's (IWindowObserver.OwnCpu): shown apart.
            Generator = result.Generator with { SamplerCpuSeconds = window.OwnCpu.TotalSeconds },
            Interference = window.Interference,
        };
    }

    /// <summary>The target's cores and the generator's; null (every core) when either runs unpinned.</summary>
    private int[]? MeasuredCores(IRunningTarget target) =>
        target.Cpus is { } targetCpus && settings.GeneratorCpus is { } generator
            ? targetCpus.Cores.Union(CpuPlacement.Highest(generator)).Order().ToArray()
            : null;
}
