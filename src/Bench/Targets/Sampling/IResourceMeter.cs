namespace Bench.Targets.Sampling;

/// <summary>Measures what a target uses from its start until <see cref="StopAsync"/>: /proc for a process, the engine's stats for a container.</summary>
public interface IResourceMeter : IAsyncDisposable
{
    /// <summary>Ends the window with one last reading; later calls return the same result.</summary>
    Task<ResourceUsage> StopAsync(CancellationToken cancellationToken);
}
