using Bench.Queueing;
using Bench.Results;
using Bench.Scenarios;
using Bench.Launch;
using Bench.Launch.Proxies;

namespace Bench.Running;

/// <summary>
/// Bench's main job: for each scenario, each target is started, verified and driven across the levels; every
/// finished level is written at once, so an interruption keeps everything measured so far. Repeats are interleaved
/// (targets A B C, then A B C again) so drift on a noisy machine spreads over all targets; with <c>repeats: auto</c> a
/// cell (target × level) leaves the rounds once its throughput has converged, and a target with no cell left is not
/// started again.
/// </summary>
public sealed class SweepRunner(
    TargetCatalog catalog, SweepSettings settings, TargetLauncher launcher, LevelRunner levels, RunRecorder recorder, ISweepProgress progress, TimeProvider? timeProvider = null)
{
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    public async Task<SweepOutcome> RunAsync(IReadOnlyList<Scenario> scenarios, CancellationToken cancellationToken)
    {
        int invalidTargets = 0, invalidLevels = 0, measured = 0;
        try
        {
            foreach (var scenario in scenarios)
            {
                await recorder.AddScenarioAsync(scenario, settings.PlacementOf(scenario), CancellationToken.None);
                var placed = settings.For(scenario);
                var skipped = new HashSet<string>();
                var cells = new RepeatCells(scenario.Load);
                for (int repeat = 1; repeat <= scenario.Load.Repeats; repeat++)
                {
                    foreach (string name in scenario.Targets.Where(t => !skipped.Contains(t)))
                    {
                        var pending = cells.Pending(name);
                        if (pending.Count == 0)
                        {
                            continue; // every level of it has converged
                        }

                        await using var session = new TargetSession(ScenarioTargetDefinition.For(catalog, scenario, name), placed, launcher);
                        progress.TargetStarting(scenario.Name, name);
                        var topology = session.Definition.Topology;
                        if (topology is not null && repeat == 1)
                        {
                            progress.Note($"{name}: {topology.Placement(placed.TargetCpus, placed.TargetCpuQuota)}");
                        }

                        var verification = await session.StartAndVerifyAsync(cancellationToken);
                        if (repeat == 1 || !verification.Valid)
                        {
                            await recorder.RecordVerificationAsync(scenario.Name, TargetVerification.From(verification) with
                            {
                                Target = name,
                                ConcurrencyLimit = session.Definition.ConcurrencyLimit,
                                Topology = topology is null ? null : new TopologyRecord(
                                    topology.Proxy.Name, topology.Backend.Name, topology.Replicas, ProxyTopology.Workers(placed.TargetCpus),
                                    placed.TargetCpus?.ToString(), placed.TargetCpuQuota, topology.Placement(placed.TargetCpus, placed.TargetCpuQuota)),
                            }, CancellationToken.None);
                        }

                        if (!verification.Valid)
                        {
                            progress.TargetInvalid(scenario.Name, name, verification.Reason);
                            skipped.Add(name);
                            invalidTargets++;
                            continue;
                        }

                        string? lost = null;
                        foreach (int level in pending)
                        {
                            // A target that could not be restarted ends its remaining levels with the reason, so every
                            // planned cell has its record and gating sees why, rather than a cell short of repeats.
                            var result = lost is null
                                ? await RunLevelAsync(scenario, name, session, level, repeat, cancellationToken)
                                : LevelResultFactory.NotRun(name, level, repeat, _time.GetUtcNow(), lost);
                            if (scenario.Simul is { } simul)
                            {
                                result = result with { PredictedSeconds = SimulPrediction.Scaled(simul, session.Definition.ConcurrencyLimit).TotalSeconds };
                                progress.Note(SimulWords.Played(simul, name, result));
                            }

                            var interval = cells.Add(result);
                            // Written even when interrupted: a partial level is kept, marked invalid.
                            await recorder.RecordLevelAsync(scenario.Name, result, interval, CancellationToken.None);
                            progress.LevelDone(scenario.Name, result);
                            if (interval.Converged == true)
                            {
                                progress.Note($"{name}@{level} converged after {interval.Runs} repeats: {interval.MeanRps:0} req/s ± {interval.RelativeHalfWidth():0.0%} (95 %)");
                            }

                            measured++;
                            invalidLevels += result.Valid ? 0 : 1;
                            if (session.Target is null)
                            {
                                lost ??= result.InvalidReason;
                                continue;
                            }

                            await Task.Delay(scenario.Load.Cooldown, cancellationToken);
                        }
                    }
                }
            }

            return new SweepOutcome(false, invalidTargets, invalidLevels, measured);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return new SweepOutcome(true, invalidTargets, invalidLevels, measured);
        }
    }

    private async Task<LevelResult> RunLevelAsync(Scenario scenario, string name, TargetSession session, int level, int repeat, CancellationToken cancellationToken)
    {
        try
        {
            if (await session.EnsureReadyAsync(cancellationToken) is { } restartReason)
            {
                progress.Note($"{name} restarted before level {level}: it {restartReason}");
            }
        }
        catch (TargetStartException e)
        {
            return LevelResultFactory.NotRun(name, level, repeat, _time.GetUtcNow(), $"not run: the target had to be restarted and could not be: {e.Message}");
        }

        return await levels.RunAsync(scenario, name, session.Target!, level, repeat, cancellationToken);
    }
}
