namespace Bench.Sdk.Running;

/// <summary>
/// The closed model: copies loop (the next iteration starts when the last one ends) for the phase's duration, or until
/// its iterations are done. A ramp moves the number of active copies linearly from <paramref name="fromCopies"/> to
/// <paramref name="toCopies"/>, re-read every 100 ms. The window is the whole phase; what still runs at its end is cut.
/// </summary>
internal sealed class ClosedPhase(ScenarioRuntime scenario, int fromCopies, int toCopies, TimeSpan during, int iterations)
{
    private static readonly TimeSpan RampStep = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan IdleCheck = TimeSpan.FromMilliseconds(10);
    private volatile int _active;
    private volatile bool _stop;
    private long _iterationsStarted;

    public async Task RunAsync(PhaseRun run, CancellationToken stop)
    {
        var time = scenario.Time;
        int max = Math.Max(fromCopies, toCopies);
        _active = fromCopies;
        for (int i = 0; i < max; i++)
        {
            run.Meter?.AddCopy(scenario.Copy(i).ScenarioInfo.InstanceNumber);
        }

        run.Meter?.OpenWindow(time.GetTimestamp());
        var loops = Enumerable.Range(0, max).Select(i => Task.Run(() => LoopAsync(run, i, stop), CancellationToken.None)).ToArray();
        long start = time.GetTimestamp();
        try
        {
            if (iterations > 0)
            {
                await Task.WhenAll(loops).WaitAsync(stop);
            }
            else
            {
                long end = start + scenario.Ticks(during);
                // A ramp re-reads its copies every RampStep; a steady phase sleeps to its end at once — a wake-up every
                // 100 ms sets the thread pool's idle workers spinning (sched_yield) on the generator's core.
                long step = fromCopies == toCopies ? long.MaxValue : scenario.Ticks(RampStep);
                for (long now = start; now < end; now = time.GetTimestamp())
                {
                    double done = (double)(now - start) / (end - start);
                    _active = (int)Math.Round(fromCopies + ((toCopies - fromCopies) * done));
                    await Task.Delay(scenario.Wait(Math.Min(step, end - now)), time, stop);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            if (run.Meter is { } meter)
            {
                meter.Interrupted = true;
            }
        }

        _stop = true;
        long cutAt = time.GetTimestamp();
        run.Meter?.CloseWindow(cutAt);
        await run.CutAsync(cutAt, scenario.Props.Timeout);
    }

    private async Task LoopAsync(PhaseRun run, int index, CancellationToken stop)
    {
        var copy = scenario.Copy(index);
        while (!_stop && !stop.IsCancellationRequested)
        {
            if (index >= _active)
            {
                try
                {
                    await Task.Delay(IdleCheck, scenario.Time, stop);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                continue;
            }

            if (iterations > 0 && Interlocked.Increment(ref _iterationsStarted) > iterations)
            {
                return;
            }

            await run.RunAsync(run.Prepare(copy, scenario.Time.GetTimestamp(), inWindow: true));
        }
    }
}
