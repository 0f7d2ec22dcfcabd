using Bench.Launch.Docker;
using Bench.Launch.Sampling;

namespace Bench.Cluster.Swarm;

/// <summary>
/// A swarm target's CPU and memory over a window, read where it runs: its processes from its node's /proc by the
/// sampling agent there (<paramref name="processes"/> opens that agent's window), exactly as a local container's are, and
/// its container from its node's engine stats. Either may be missing (no sampling agent, no engine for the node): the
/// record is then the other's view alone, and <paramref name="note"/> says why for that level; with neither it is
/// <see cref="ResourceUsage.None"/>, as for a meter that never opened.
/// </summary>
internal sealed class ServiceMeter(
    ContainerStatsMeter? stats, Func<CancellationToken, Task<AgentSampling>>? processes, TimeProvider timeProvider, Action<string> note) : IResourceMeter
{
    private long _opened = -1;
    private AgentSampling? _sampling;
    private ResourceUsage? _result;

    /// <summary>The readings cost this process nothing: the agent and the engine take them on the target's node.</summary>
    public TimeSpan OwnCpu => TimeSpan.Zero;

    public async Task OpenAsync(CancellationToken cancellationToken)
    {
        // The engine's one-shot reading is asked for first, then the agent's: both are a round trip to the node.
        var engine = stats?.OpenAsync(cancellationToken) ?? Task.CompletedTask;
        if (processes is not null)
        {
            try
            {
                _sampling = await processes(cancellationToken);
            }
            catch (AgentException e)
            {
                note($"its processes are not sampled from /proc this level, only its engine's stats are read: {e.Message}");
            }
        }

        await engine;
        _opened = timeProvider.GetTimestamp();
    }

    public async Task<ResourceUsage> StopAsync(CancellationToken cancellationToken)
    {
        if (_result is not null)
        {
            return _result;
        }

        var window = _opened < 0 ? TimeSpan.Zero : timeProvider.GetElapsedTime(_opened);
        Task<ContainerUsage>? engine = stats?.StopAsync(cancellationToken);
        var sampled = await StopSamplingAsync(cancellationToken);
        ContainerUsage? container = engine is null ? null : await engine;
        _result = _opened < 0 ? ResourceUsage.None
            : sampled is not null ? sampled with { Container = container }
            : container is not null ? new ResourceUsage(container.CpuSeconds, container.PeakMemoryBytes, container.MaxTasks, 0, 0, container.Readings, window) { Container = container }
            : ResourceUsage.None;
        return _result;
    }

    public async ValueTask DisposeAsync()
    {
        if (_sampling is not null)
        {
            await _sampling.DisposeAsync();
        }

        if (stats is not null)
        {
            await stats.DisposeAsync();
        }
    }

    private async Task<ResourceUsage?> StopSamplingAsync(CancellationToken cancellationToken)
    {
        if (_sampling is null)
        {
            return null;
        }

        try
        {
            return await _sampling.StopAsync(cancellationToken);
        }
        catch (AgentException e)
        {
            note($"its processes' /proc readings were lost this level, only its engine's stats are kept: {e.Message}");
            return null;
        }
    }
}
