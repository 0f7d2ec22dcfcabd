namespace Bench.Load;

/// <summary>
/// What drives a level: this process's <see cref="LoadEngine"/>, or load agents on other hosts whose parts are merged
/// (<see cref="Cluster.AgentPool"/>). Both return one <see cref="LoadResult"/> and tell the observer when the measured
/// window opens and closes.
/// </summary>
public interface ILoadGenerator
{
    Task<LoadResult> RunAsync(LoadOptions options, IProgress<LoadProgress>? progress, IWindowObserver? window, CancellationToken cancellationToken);
}
