using Bench.Results;
using Bench.Sdk.Measurement;
using Bench.Sdk.Recording;

namespace Bench.Sdk.Running;

/// <summary>
/// One scenario from init to clean: init once, the warm-up (the first simulation's level, not recorded), each simulation
/// in turn — a level recorded and written as soon as it ends — and clean once, always (after Ctrl-C and a failed init too).
/// </summary>
internal sealed class ScenarioRunner(ScenarioRuntime scenario, IReadOnlyList<Phase> phases, ResultsLog log, TextWriter output)
{
    /// <summary>The engine's default (LoadOptions.LateAfter): a start more than 10 ms after it was due is late.</summary>
    public static readonly TimeSpan LateAfter = TimeSpan.FromMilliseconds(10);

    public async Task<ScenarioOutcome> RunAsync(CancellationToken stop)
    {
        string? failure = null;
        try
        {
            if (scenario.Props.Init is { } init)
            {
                try
                {
                    await init(new InitContext(new ScenarioInfo(scenario.Name, 0), scenario.Log, stop));
                }
                catch (Exception e) when (!stop.IsCancellationRequested)
                {
                    failure = $"scenario '{scenario.Name}': init failed ({e.GetType().Name}): {e.Message.ReplaceLineEndings(" ")}";
                }
            }

            if (failure is null && !stop.IsCancellationRequested)
            {
                await WarmUpAsync(stop);
                foreach (var phase in phases)
                {
                    if (stop.IsCancellationRequested)
                    {
                        break;
                    }

                    await RunPhaseAsync(phase, stop);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Ctrl-C during init or a pause: what was measured is written; clean still runs.
        }
        finally
        {
            await CleanAsync();
        }

        await FillEmptyCellsAsync();
        return new ScenarioOutcome(stop.IsCancellationRequested, failure);
    }

    private async Task WarmUpAsync(CancellationToken stop)
    {
        var first = phases.FirstOrDefault(p => p.Simulation.Kind != SimulationKind.Pause);
        var warmUp = scenario.Props.WarmUpDuration;
        if (first is null || warmUp <= TimeSpan.Zero)
        {
            return;
        }

        await RunPhaseAsync(first with { From = first.To, During = warmUp, Iterations = 0, Level = null }, stop);
    }

    private async Task RunPhaseAsync(Phase phase, CancellationToken stop)
    {
        var time = scenario.Time;
        if (phase.Simulation.Kind == SimulationKind.Pause)
        {
            await Task.Delay(phase.During, time, stop);
            return;
        }

        var meter = phase.Level is null ? null
            : new LevelMeter(!phase.Closed, time.GetTimestamp(), scenario.TicksPerSecond, scenario.Ticks(LateAfter), scenario.Ticks(scenario.Props.Timeout), time.GetUtcNow());
        using var run = new PhaseRun(scenario, meter, stop);
        if (phase.Closed)
        {
            await new ClosedPhase(scenario, (int)phase.From, (int)phase.To, phase.During, phase.Iterations).RunAsync(run, stop);
        }
        else
        {
            await new OpenPhase(scenario, phase.From, phase.To, phase.During).RunAsync(run, stop);
        }

        if (meter is not null && phase.Level is { } level)
        {
            var steps = scenario.Steps.All;
            var records = LevelRecords.Of(scenario.Name, steps, level, meter);
            await log.RecordAsync(scenario.Name, [scenario.Name, .. steps], records);
            LevelLine.Write(output, records, meter.Open);
        }
    }

    private async Task CleanAsync()
    {
        if (scenario.Props.Clean is not { } clean)
        {
            return;
        }

        try
        {
            // Not cancellable: clean must close what init opened, after Ctrl-C as well.
            await clean(new InitContext(new ScenarioInfo(scenario.Name, 0), scenario.Log, CancellationToken.None));
        }
        catch (Exception e)
        {
            scenario.Log.Error(e, "clean failed");
        }
    }

    /// <summary>A step first seen at a later level has no record at the earlier ones: an empty one makes every cell complete.</summary>
    private Task FillEmptyCellsAsync() => log.ChangeScenarioAsync(scenario.Name, s =>
    {
        var added = new List<LevelResult>();
        foreach (var own in s.Results.Where(r => r.Target == scenario.Name))
        {
            added.AddRange(s.Definition.Targets
                .Where(t => t != scenario.Name && !s.Results.Any(r => r.Target == t && r.Level == own.Level))
                .Select(t => LevelRecords.Empty(t, own.Level, own)));
        }

        return added.Count == 0 ? s : s with { Results = [.. s.Results, .. added] };
    });
}
