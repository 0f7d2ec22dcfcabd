using Bench.Launch.Docker;
using Bench.Launch.Sampling;

namespace Bench.Cluster.Swarm;

/// <summary>
/// A swarm target's CPU and memory over a window, from its node's engine (the stats of the task's container): its
/// node's /proc is not this machine's, so the engine's view is the whole record, given as both the usage and its
/// container part. Without an engine for the node nothing can be read: the usage is <see cref="ResourceUsage.None"/>,
/// as for a meter that never opened, and the cluster says once why.
/// </summary>
internal sealed class ServiceMeter(ContainerStatsMeter? stats, TimeProvider timeProvider) : IResourceMeter
{
    private long _opened = -1;
    private ResourceUsage? _result;

    public TimeSpan OwnCpu => TimeSpan.Zero;

    public async Task OpenAsync(CancellationToken cancellationToken)
    {
        if (stats is not null)
        {
            await stats.OpenAsync(cancellationToken);
            _opened = timeProvider.GetTimestamp();
        }
    }

    public async Task<ResourceUsage> StopAsync(CancellationToken cancellationToken)
    {
        if (stats is null)
        {
            return ResourceUsage.None;
        }

        if (_result is not null)
        {
            return _result;
        }

        var window = _opened < 0 ? TimeSpan.Zero : timeProvider.GetElapsedTime(_opened);
        var usage = await stats.StopAsync(cancellationToken);
        _result = _opened < 0
            ? ResourceUsage.None
            : new ResourceUsage(usage.CpuSeconds, usage.PeakMemoryBytes, usage.MaxTasks, 0, 0, usage.Readings, window) { Container = usage };
        return _result;
    }

    public async ValueTask DisposeAsync()
    {
        if (stats is not null)
        {
            await stats.DisposeAsync();
        }
    }
}
