using Bench.Load;
using Bench.Results;
using Bench.Scenarios;
using Bench.Targets;
using Bench.Targets.Sampling;

namespace Bench.Running;

/// <summary>
/// Runs one level against a running target: one load run whose warm-up is not recorded, so the connections carry
/// over into the measured window (as in wrk2), while the target (its process tree, or its container) is measured from
/// the end of the warm-up, so its CPU and memory cover the measured window.
/// </summary>
public sealed class LevelRunner(LoadEngine engine, SweepSettings settings, ISweepProgress progress, TimeProvider? timeProvider = null)
{
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    public async Task<LevelResult> RunAsync(Scenario scenario, IRunningTarget target, int level, int repeat, CancellationToken cancellationToken)
    {
        var options = LevelPlan.For(scenario, level, target.Port, settings.GeneratorCpus) with { Warmup = scenario.Load.Warmup };
        var total = options.Warmup + options.Duration;
        var reporter = new Progress<LoadProgress>(p =>
            progress.LevelRunning(scenario.Name, target.Definition.Name, level, repeat, total - p.Elapsed, p.Warmup, p.RecentRps, p.Errors));

        using var stopSampling = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var sampling = MeasureAfterWarmupAsync(target, options.Warmup, stopSampling.Token);
        var load = await engine.RunAsync(options, reporter, cancellationToken);
        await stopSampling.CancelAsync();
        var usage = await sampling;

        var exit = await target.CheckExitAsync(CancellationToken.None);
        return LevelResultFactory.From(target.Definition.Name, level, repeat, load, usage, exit);
    }

    private async Task<ResourceUsage> MeasureAfterWarmupAsync(IRunningTarget target, TimeSpan warmup, CancellationToken stop)
    {
        try
        {
            await Task.Delay(warmup, _time, stop);
        }
        catch (OperationCanceledException)
        {
            return ResourceUsage.None; // the run ended within its warm-up (interrupted)
        }

        IResourceMeter meter;
        try
        {
            meter = await target.StartMeterAsync(_time, stop);
        }
        catch (OperationCanceledException)
        {
            return ResourceUsage.None;
        }

        await using var sampler = meter;
        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, _time, stop);
        }
        catch (OperationCanceledException)
        {
            // The measured window is over.
        }

        return await sampler.StopAsync(CancellationToken.None);
    }
}
