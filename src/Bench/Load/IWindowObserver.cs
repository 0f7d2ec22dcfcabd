namespace Bench.Load;

/// <summary>
/// Hears the engine's measured window open and close, so a caller can measure something else (the target's CPU, the
/// machine's interference) between the same two instants. Called from the engine's coordinating task, never from an
/// event loop, so a reading delays nothing the engine measures.
/// </summary>
public interface IWindowObserver
{
    /// <summary>The window opened at <paramref name="timestamp"/> (Stopwatch ticks); called as soon after it as the timer allows.</summary>
    Task OpenedAsync(long timestamp, CancellationToken cancellationToken);

    /// <summary>
    /// The window closed at <paramref name="timestamp"/>: its planned end, or where a cancelled or finished run stopped.
    /// Not called when the run ended before its window opened.
    /// </summary>
    Task ClosedAsync(long timestamp, CancellationToken cancellationToken);

    /// <summary>
    /// CPU time the observer spent in this process so far (its /proc scans): taken out of the generator's own CPU, so a
    /// sampler's work is not mistaken for the generator's and never makes it look saturated.
    /// </summary>
    TimeSpan OwnCpu { get; }
}
