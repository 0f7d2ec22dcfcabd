using Bench.Load;
using Bench.Load.Engine;

namespace Bench.Sdk.Running;

/// <summary>
/// The open model: iterations start on the engine's timetable (<see cref="ArrivalSchedule"/>: evenly spread, the rate
/// linear from <paramref name="fromRate"/> to <paramref name="toRate"/>), whether or not earlier ones have ended — never
/// one copy waiting for the last, so load never silently turns closed. Each is dispatched to the thread pool when due and
/// measured from when it was due: a start delayed by a blocked pool, a busy scheduler or a stalled machine shows in its
/// latency and counts as late. After the window the phase waits up to the timeout for the iterations due in it (the
/// drain), then cuts the rest.
/// </summary>
internal sealed class OpenPhase(ScenarioRuntime scenario, double fromRate, double toRate, TimeSpan during)
{
    public async Task RunAsync(PhaseRun run, CancellationToken stop)
    {
        var time = scenario.Time;
        var schedule = new ArrivalSchedule(fromRate, TimeSpan.Zero, fromRate == toRate ? [] : [new RateStage(during, toRate)], during);
        if (run.Meter is { } planned)
        {
            planned.TargetRps = schedule.ArrivalsBy(during.TotalSeconds) / during.TotalSeconds;
        }

        long start = time.GetTimestamp();
        run.Meter?.OpenWindow(start);
        long end = start + scenario.Ticks(during);
        long Due(long k) => schedule.TimeOf(k) is var seconds && double.IsPositiveInfinity(seconds) ? long.MaxValue : start + (long)(seconds * scenario.TicksPerSecond);
        long k = 0;
        long next = Due(0);
        try
        {
            while (true)
            {
                long now = time.GetTimestamp();
                for (; next <= now && next < end; next = Due(++k))
                {
                    Dispatch(run, next);
                }

                if (next >= end)
                {
                    break;
                }

                await Task.Delay(scenario.Wait(next - now), time, stop);
            }

            // The window is over when its time is, even if the last arrival was due earlier.
            for (long now = time.GetTimestamp(); now < end; now = time.GetTimestamp())
            {
                await Task.Delay(scenario.Wait(end - now), time, stop);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            if (run.Meter is { } meter)
            {
                meter.Interrupted = true;
            }

            end = time.GetTimestamp();
        }

        run.Meter?.CloseWindow(end);
        long drainEnd = end + scenario.Ticks(scenario.Props.Timeout);
        while (!stop.IsCancellationRequested && run.Running > 0 && time.GetTimestamp() < drainEnd)
        {
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(5), time, stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        await run.CutAsync(time.GetTimestamp(), scenario.Props.Timeout);
    }

    private void Dispatch(PhaseRun run, long due)
    {
        run.Meter?.Schedule();
        var iteration = run.Prepare(scenario.Rent(), due, inWindow: run.Meter is not null);
        // The pool, not this loop, runs the iteration: a slow or blocking one delays only itself (and shows as late starts).
        ThreadPool.UnsafeQueueUserWorkItem(static state => _ = state.Scenario.RunAndReturnAsync(state.Run, state.Iteration), (Scenario: this, Run: run, Iteration: iteration), preferLocal: false);
    }

    private async Task RunAndReturnAsync(PhaseRun run, Iteration iteration)
    {
        try
        {
            await run.RunAsync(iteration);
        }
        finally
        {
            scenario.Return(iteration.Copy);
        }
    }
}
