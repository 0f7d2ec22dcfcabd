namespace Bench.Load;

/// <summary>What the load generator itself spent during the measured window.</summary>
/// <param name="Workers">Event-loop threads (one per core it may use).</param>
/// <param name="PinnedCpus">The CPUs the generator was pinned to; empty when not pinned.</param>
/// <param name="CpuSeconds">CPU time (user + system) of the whole generator process over the window.</param>
/// <param name="WorkerCpuSeconds">CPU time of the event-loop threads alone.</param>
/// <param name="Utilisation">CpuSeconds / (window × Workers): 1.0 means every generator core was busy.</param>
/// <param name="CpuMicrosPerAttempt">CpuSeconds per request that ended in the window (success or error), in microseconds.</param>
/// <param name="WorkerAllocatedBytes">Managed memory the event loops allocated during the window (per-second buckets only: requests allocate nothing).</param>
/// <param name="Saturated">Over 90 % busy (as a process or any single worker): the numbers may describe the generator, not the target.</param>
public sealed record GeneratorUsage(
    int Workers,
    IReadOnlyList<int> PinnedCpus,
    double CpuSeconds,
    double WorkerCpuSeconds,
    double Utilisation,
    double CpuMicrosPerAttempt,
    long WorkerAllocatedBytes,
    bool Saturated);
