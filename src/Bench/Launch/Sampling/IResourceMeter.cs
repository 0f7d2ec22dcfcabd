namespace Bench.Launch.Sampling;

/// <summary>
/// Measures what a target uses over a window: /proc for a process, the engine's stats as well for a container. Made
/// ready beforehand (connections opened), so the readings at the window's edges are quick; the caller opens and closes
/// it at the instants the load engine measures between.
/// </summary>
public interface IResourceMeter : IAsyncDisposable
{
    /// <summary>Opens the window with the first reading, now.</summary>
    Task OpenAsync(CancellationToken cancellationToken);

    /// <summary>Ends the window with one last reading; later calls return the same result; <see cref="ResourceUsage.None"/> if it never opened.</summary>
    Task<ResourceUsage> StopAsync(CancellationToken cancellationToken);

    /// <summary>CPU time this process spent on the readings so far (thread CPU around each /proc scan).</summary>
    TimeSpan OwnCpu { get; }
}
