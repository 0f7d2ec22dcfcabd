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
        try
        {
            if (time == TimeProvider.System)
            {
                await OnOwnThreadAsync(() => Timetable(run, end, Due, stop));
            }
            else
            {
                await TimetableAsync(run, end, Due, stop);
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

    /// <summary>
    /// The real clock's timetable, on a thread of its own: the pool runs the iterations, so a pool that cannot keep up
    /// delays their starts (counted late) but never the timetable itself. Sleeps of whole milliseconds (at least one),
    /// then every arrival due is dispatched: at most about a millisecond late by this loop's own doing.
    /// </summary>
    private void Timetable(PhaseRun run, long end, Func<long, long> due, CancellationToken stop)
    {
        var time = scenario.Time;
        long k = 0;
        for (long next = due(0); next < end;)
        {
            stop.ThrowIfCancellationRequested();
            long now = time.GetTimestamp();
            for (; next <= now && next < end; next = due(++k))
            {
                Dispatch(run, next);
            }

            long wait = Math.Min(next, end) - time.GetTimestamp();
            if (wait > 0)
            {
                Thread.Sleep(TimeSpan.FromMilliseconds(Math.Clamp(Math.Floor(wait * 1000.0 / scenario.TicksPerSecond), 1, 50)));
            }
        }

        // The window is over when its time is, even if the last arrival was due earlier.
        for (long now = time.GetTimestamp(); now < end; now = time.GetTimestamp())
        {
            stop.ThrowIfCancellationRequested();
            Thread.Sleep(TimeSpan.FromMilliseconds(Math.Clamp(Math.Ceiling((end - now) * 1000.0 / scenario.TicksPerSecond), 1, 50)));
        }
    }

    /// <summary>The same timetable on any other clock (a test's fake one), waiting with the clock's own delays.</summary>
    private async Task TimetableAsync(PhaseRun run, long end, Func<long, long> due, CancellationToken stop)
    {
        var time = scenario.Time;
        long k = 0;
        long next = due(0);
        while (true)
        {
            long now = time.GetTimestamp();
            for (; next <= now && next < end; next = due(++k))
            {
                Dispatch(run, next);
            }

            if (next >= end)
            {
                break;
            }

            await Task.Delay(scenario.Wait(next - now), time, stop);
        }

        for (long now = time.GetTimestamp(); now < end; now = time.GetTimestamp())
        {
            await Task.Delay(scenario.Wait(end - now), time, stop);
        }
    }

    private static Task OnOwnThreadAsync(Action work)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                work();
                done.SetResult();
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        })
        {
            IsBackground = true,
            Name = "bench-sdk timetable",
        };
        thread.Start();
        return done.Task;
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
