using Bench.Launch.Sampling;

namespace Bench.Launch.Proxies;

/// <summary>
/// The meters of a topology's components, opened and stopped together: the total is their sum (CPU and context
/// switches add up exactly; peak RSS and threads are the sum of each component's peak, an upper bound of the whole's
/// peak, as the components peak at nearly the same instants under steady load), and each component is kept apart
/// (<see cref="ResourceUsage.Components"/>).
/// </summary>
internal sealed class TopologyMeter(IReadOnlyList<(string Name, string Target, IResourceMeter Meter)> meters) : IResourceMeter
{
    public TimeSpan OwnCpu => meters.Aggregate(TimeSpan.Zero, (sum, m) => sum + m.Meter.OwnCpu);

    public async Task OpenAsync(CancellationToken cancellationToken)
    {
        foreach (var (_, _, meter) in meters)
        {
            await meter.OpenAsync(cancellationToken);
        }
    }

    public async Task<ResourceUsage> StopAsync(CancellationToken cancellationToken)
    {
        var parts = new List<ComponentUsage>();
        foreach (var (name, target, meter) in meters)
        {
            parts.Add(new ComponentUsage(name, target, await meter.StopAsync(cancellationToken)));
        }

        return Total(parts);
    }

    /// <summary>The sum of the components, with each kept apart.</summary>
    public static ResourceUsage Total(IReadOnlyList<ComponentUsage> parts) =>
        new(
            parts.Sum(p => p.Usage.CpuSeconds),
            parts.Sum(p => p.Usage.PeakRssBytes),
            parts.Sum(p => p.Usage.MaxThreads),
            parts.Sum(p => p.Usage.VoluntaryContextSwitches),
            parts.Sum(p => p.Usage.InvoluntaryContextSwitches),
            parts.Count == 0 ? 0 : parts.Min(p => p.Usage.Samples),
            parts.Count == 0 ? TimeSpan.Zero : parts.Max(p => p.Usage.Window))
        {
            Components = parts,
        };

    public async ValueTask DisposeAsync()
    {
        foreach (var (_, _, meter) in meters)
        {
            await meter.DisposeAsync();
        }
    }
}
