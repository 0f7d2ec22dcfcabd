using Bench.Load;
using Bench.Launch.Sampling;

namespace Bench.Running;

/// <summary>
/// The target's meter and the machine's interference, opened and closed by the load engine at the instants its own
/// measured window opens and closes (<see cref="IWindowObserver"/>), so CPU, RSS, context switches and interference
/// cover exactly the window the requests were counted in, for a process and a container alike.
/// </summary>
internal sealed class MeasuredWindow(IResourceMeter meter, InterferenceMeter interference) : IWindowObserver
{
    /// <summary>What the target used over the window; <see cref="ResourceUsage.None"/> until it closed (or if it never opened).</summary>
    public ResourceUsage Usage { get; private set; } = ResourceUsage.None;

    public Interference? Interference { get; private set; }

    /// <summary>The Stopwatch instants the engine opened and closed its window at (0 while not yet).</summary>
    public long OpenedAt { get; private set; }

    public long ClosedAt { get; private set; }

    public TimeSpan OwnCpu => meter.OwnCpu + interference.OwnCpu;

    public async Task OpenedAsync(long timestamp, CancellationToken cancellationToken)
    {
        OpenedAt = timestamp;
        interference.Open();
        await meter.OpenAsync(cancellationToken);
    }

    public async Task ClosedAsync(long timestamp, CancellationToken cancellationToken)
    {
        ClosedAt = timestamp;
        Usage = await meter.StopAsync(cancellationToken);
        Interference = interference.Close(Usage.CpuSeconds);
    }
}
