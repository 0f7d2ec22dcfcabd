using Bench.Launch.Sampling;
using Bench.Results;
using Bench.Running;
using Bench.Sdk.Measurement;
using Bench.Sdk.Recording;

namespace Bench.Sdk.Running;

/// <summary>
/// One scenario from init to clean: init once, the warm-up (the first simulation's level, not recorded), each simulation
/// in turn — a level recorded and written as soon as it ends — and clean once, always (after Ctrl-C and a failed init too).
/// With catalogue targets (<see cref="TargetSweep"/>) the warm-up and the simulations run against each target in turn,
/// recorded under its name with its resources.
/// </summary>
internal sealed class ScenarioRunner(ScenarioRuntime scenario, IReadOnlyList<Phase> phases, ResultsLog log, TextWriter output)
{
    /// <summary>The engine's default (LoadOptions.LateAfter): a start more than 10 ms after it was due is late.</summary>
    public static readonly TimeSpan LateAfter = TimeSpan.FromMilliseconds(10);

    /// <summary>How long a phase's end waits for the clients to close their idle connections (real time: it is a thread's).</summary>
    private static readonly TimeSpan CloseWait = TimeSpan.FromSeconds(1);

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

            if (failure is null && !stop.IsCancellationRequested && scenario.Props.Targets.Count == 0)
            {
                await RunLevelsAsync(null, null, stop);
            }
            else if (failure is null && !stop.IsCancellationRequested)
            {
                await using var sweep = new TargetSweep(scenario, log, output);
                failure = await sweep.RunAsync(session => RunLevelsAsync(sweep, session, stop), stop);
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

    /// <summary>The warm-up, then every simulation: against the scenario's own code, or the <paramref name="session"/>'s target.</summary>
    private async Task RunLevelsAsync(TargetSweep? sweep, TargetSession? session, CancellationToken stop)
    {
        var first = phases.FirstOrDefault(p => p.Simulation.Kind != SimulationKind.Pause);
        var warmUp = scenario.Props.WarmUpDuration;
        if (first is not null && warmUp > TimeSpan.Zero)
        {
            await RunPhaseAsync(first with { From = first.To, During = warmUp, Iterations = 0, Level = null }, null, null, stop);
        }

        foreach (var phase in phases)
        {
            if (stop.IsCancellationRequested)
            {
                break;
            }

            await RunPhaseAsync(phase, sweep, session, stop);
        }
    }

    private async Task RunPhaseAsync(Phase phase, TargetSweep? sweep, TargetSession? session, CancellationToken stop)
    {
        var time = scenario.Time;
        if (phase.Simulation.Kind == SimulationKind.Pause)
        {
            await Task.Delay(phase.During, time, stop);
            return;
        }

        if (sweep is not null && session is not null && phase.Level is { } planned)
        {
            await sweep.EnsureReadyAsync(session, planned, stop);
        }

        // The target's process tree (or container) and the machine's interference, read around the phase, as bench run reads them around a level.
        await using var resources = phase.Level is not null && session?.Target is { } target ? await target.PrepareMeterAsync(time, stop) : null;
        var window = resources is null ? null : new MeasuredWindow(resources, new InterferenceMeter(null));
        // The warm-up is measured too, into a meter thrown away: it runs the very code a level runs (the recording
        // included), so that code is compiled — and tiered up — before a window, not inside the first one.
        var meter = new LevelMeter(!phase.Closed, time.GetTimestamp(), scenario.TicksPerSecond, scenario.Ticks(LateAfter), scenario.Ticks(scenario.Props.Timeout), time.GetUtcNow());
        if (window is not null)
        {
            await window.OpenedAsync(time.GetTimestamp(), stop);
        }

        using var run = new PhaseRun(scenario, meter, stop);
        if (phase.Closed)
        {
            await new ClosedPhase(scenario, (int)phase.From, (int)phase.To, phase.During, phase.Iterations).RunAsync(run, stop);
        }
        else
        {
            await new OpenPhase(scenario, phase.From, phase.To, phase.During).RunAsync(run, stop);
        }

        if (window is not null)
        {
            await window.ClosedAsync(time.GetTimestamp(), CancellationToken.None);
        }

        await CloseConnectionsAsync();

        if (phase.Level is { } level)
        {
            var steps = scenario.Steps.All;
            string recorded = session?.Definition.Name ?? scenario.Name;
            var records = LevelRecords.Of(recorded, steps, StepPrefix(recorded), level, meter, window);
            await log.RecordAsync(scenario.Name, RecordedTargets(steps), records);
            LevelLine.Write(output, records, meter.Open);
        }
    }

    /// <summary>
    /// Before the next phase, and before a sweep checks (or restarts) the target: no pooled connection holds it. A client
    /// loop blocked by a scenario's own code (an inline continuation that sleeps) is not waited for past a second.
    /// </summary>
    private async Task CloseConnectionsAsync()
    {
        try
        {
            await scenario.CloseConnectionsAsync().WaitAsync(CloseWait, CancellationToken.None);
        }
        catch (TimeoutException)
        {
            scenario.Log.Warning("a client's connections were not closed within {Wait} after the phase (is its loop blocked by a step?)", CloseWait);
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

    /// <summary>Steps are recorded as themselves, or as <c>&lt;target&gt;.&lt;step&gt;</c> in a sweep over catalogue targets.</summary>
    private string StepPrefix(string recorded) => scenario.Props.Targets.Count == 0 ? "" : $"{recorded}.";

    /// <summary>What results.json lists as the scenario's targets: the scenario (or each catalogue target), then its steps.</summary>
    private string[] RecordedTargets(IReadOnlyList<string> steps) =>
        [.. (scenario.Props.Targets.Count == 0 ? [scenario.Name] : scenario.Props.Targets).SelectMany(t => (string[])[t, .. steps.Select(s => StepPrefix(t) + s)])];

    /// <summary>A step first seen at a later level (or target) has no record at the earlier ones: an empty one makes every cell complete.</summary>
    private Task FillEmptyCellsAsync() => log.ChangeScenarioAsync(scenario.Name, s =>
    {
        var added = new List<LevelResult>();
        var owners = scenario.Props.Targets.Count == 0 ? [scenario.Name] : scenario.Props.Targets;
        foreach (var own in s.Results.Where(r => owners.Contains(r.Target)))
        {
            added.AddRange(scenario.Steps.All.Select(step => StepPrefix(own.Target) + step)
                .Where(t => !s.Results.Any(r => r.Target == t && r.Level == own.Level))
                .Select(t => LevelRecords.Empty(t, own.Level, own)));
        }

        return added.Count == 0 ? s : s with { Results = [.. s.Results, .. added] };
    });
}
