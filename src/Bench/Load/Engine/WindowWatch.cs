using System.Diagnostics;

namespace Bench.Load.Engine;

/// <summary>
/// Tells an <see cref="IWindowObserver"/> when a measured window opens and closes, from a timer on the thread pool:
/// the event loops (or the agents far away) are never asked to call out, so their hot path is untouched.
/// </summary>
internal static class WindowWatch
{
    public static Task RunAsync(RunPlan plan, Task finished, IWindowObserver observer, CancellationToken cancellationToken) =>
        RunAsync(plan.MeasureStart, plan.MeasureEnd, finished, observer, cancellationToken);

    /// <summary>Opens at <paramref name="measureStart"/> and closes at <paramref name="measureEnd"/> (Stopwatch timestamps), or where the run finished first.</summary>
    public static async Task RunAsync(long measureStart, long measureEnd, Task finished, IWindowObserver observer, CancellationToken cancellationToken)
    {
        if (!await UntilAsync(measureStart, finished, cancellationToken))
        {
            return; // the run ended (or was cancelled) before its window opened: nothing was measured
        }

        await observer.OpenedAsync(measureStart, CancellationToken.None);
        bool elapsed = await UntilAsync(measureEnd, finished, cancellationToken);
        // The load closes its window at the planned end, or where it stopped (cancelled, iterations done).
        await observer.ClosedAsync(elapsed ? measureEnd : Math.Min(Stopwatch.GetTimestamp(), measureEnd), CancellationToken.None);
    }

    /// <summary>True once <paramref name="timestamp"/> has come; false if the run finished or was cancelled first.</summary>
    private static async Task<bool> UntilAsync(long timestamp, Task finished, CancellationToken cancellationToken)
    {
        while (true)
        {
            long left = timestamp - Stopwatch.GetTimestamp();
            if (left <= 0)
            {
                return true;
            }

            if (finished.IsCompleted || cancellationToken.IsCancellationRequested)
            {
                return false;
            }

            using var wake = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var delay = Task.Delay(TimeSpan.FromSeconds((double)left / RunPlan.TicksPerSecond), wake.Token);
            await Task.WhenAny(finished, delay);
            await wake.CancelAsync(); // no timer left behind when the run finished first
        }
    }
}
