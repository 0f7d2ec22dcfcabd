using Bench.Targets.Sampling;

namespace Bench.Targets.Docker;

/// <summary>
/// A container measured two ways over one window: its processes from /proc, exactly as a process target is (so CPU,
/// RSS, threads and context switches compare across kinds), and the container through the engine's stats API.
/// </summary>
internal sealed class ContainerMeter(ResourceSampler processes, ContainerStatsMeter container) : IResourceMeter
{
    public async Task<ResourceUsage> StopAsync(CancellationToken cancellationToken)
    {
        var usage = await processes.StopAsync(cancellationToken);
        return usage with { Container = await container.StopAsync(cancellationToken) };
    }

    public async ValueTask DisposeAsync()
    {
        await processes.DisposeAsync();
        await container.DisposeAsync();
    }
}
