using Bench.Launch.Sampling;

namespace Bench.Launch.Docker;

/// <summary>
/// A container measured two ways over one window: its processes from /proc, exactly as a process target is (so CPU,
/// RSS, threads and context switches compare across kinds), and the container through the engine's stats API; both
/// read at the same two instants.
/// </summary>
internal sealed class ContainerMeter(ResourceSampler processes, ContainerStatsMeter container) : IResourceMeter
{
    public TimeSpan OwnCpu => processes.OwnCpu;

    public async Task OpenAsync(CancellationToken cancellationToken)
    {
        // The engine's one-shot reading is asked for first: it takes a round trip, the /proc reading does not.
        var engine = container.OpenAsync(cancellationToken);
        processes.Open();
        await engine;
    }

    public async Task<ResourceUsage> StopAsync(CancellationToken cancellationToken)
    {
        var engine = container.StopAsync(cancellationToken);
        var usage = await processes.StopAsync(cancellationToken);
        var stats = await engine;
        return usage.Samples == 0 ? usage : usage with { Container = stats }; // never opened: nothing measured
    }

    public async ValueTask DisposeAsync()
    {
        await processes.DisposeAsync();
        await container.DisposeAsync();
    }
}
