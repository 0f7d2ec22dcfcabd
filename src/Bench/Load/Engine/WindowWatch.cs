using System.Diagnostics;

namespace Bench.Load.Engine;

/// <summary>
/// Tells an <see cref="IWindowObserver"/> when the plan's measured window opens and closes, from a timer on the
/// thread pool: the event loops are never asked to call out, so their hot path is untouched.
/// </summary>
internal static class WindowWatch
{
    public static async Task RunAsync(RunPlan plan, Task finished, IWindowObserver observer, CancellationToken cancellationToken)
    {
        if (!await UntilAsync(plan.MeasureStart, finished, cancellationToken))
        {
            return; // the run ended (or was cancelled) before its window opened: nothing was measured
        }

        await observer.OpenedAsync(plan.MeasureStart, CancellationToken.None);
        bool elapsed = await UntilAsync(plan.MeasureEnd, finished, cancellationToken);
        // The workers close their windows at MeasureEnd, or where they stopped (cancelled, iterations done).
        await observer.ClosedAsync(elapsed ? plan.MeasureEnd : Math.Min(Stopwatch.GetTimestamp(), plan.MeasureEnd), CancellationToken.None);
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
