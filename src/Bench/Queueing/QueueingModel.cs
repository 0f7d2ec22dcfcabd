namespace Bench.Queueing;

/// <summary>
/// What operational queueing laws predict for a closed workload from its measurements: <see cref="ServiceMs"/> R₀
/// (the response time at one connection, nobody else waiting), <see cref="ThinkMs"/> Z, <see cref="CpuMsPerRequest"/>
/// S on <see cref="Cores"/> cores. These are the asymptotic bounds of Denning and Buzen: with no contention N
/// connections make X = N / (R₀ + Z); a server that handles one request at a time stays at X = 1 / R₀; CPU-bound
/// work is capped at X = cores / S; a server that serves at most L requests at once (its declared
/// <see cref="ConcurrencyLimit"/>: a pool's workers) stays at X = L / R₀. Throughputs are requests per second.
/// </summary>
public sealed record QueueingModel(double ServiceMs, double ThinkMs, double CpuMsPerRequest, double Cores)
{
    /// <summary>L: the most requests the target serves at once, as its catalogue entry declares; null when unlimited.</summary>
    public int? ConcurrencyLimit { get; init; }

    /// <summary>L / R₀: L requests in service at a time, each for R₀; null without a declared limit.</summary>
    public double? LimitRps => ConcurrencyLimit is { } limit ? limit * 1000 / ServiceMs : null;

    /// <summary>N* = (R₀ + Z) · L / R₀: where the ideal line meets the limit.</summary>
    public double? LimitKnee => ConcurrencyLimit is { } limit ? (ServiceMs + ThinkMs) * limit / ServiceMs : null;

    /// <summary>N / (R₀ + Z): every connection gets the service time it had alone.</summary>
    public double IdealRps(double connections) => connections * 1000 / (ServiceMs + ThinkMs);

    /// <summary>1 / R₀: requests served strictly one after another.</summary>
    public double OneAtATimeRps => 1000 / ServiceMs;

    /// <summary>cores / S; null when no CPU time per request was measured.</summary>
    public double? CpuCapRps => CpuMsPerRequest > 0 ? Cores * 1000 / CpuMsPerRequest : null;

    /// <summary>N* = (R₀ + Z) / R₀: where the ideal line meets the one-at-a-time bound.</summary>
    public double OneAtATimeKnee => (ServiceMs + ThinkMs) / ServiceMs;

    /// <summary>N* = (R₀ + Z) · cores / S: where the ideal line meets the CPU cap.</summary>
    public double? CpuKnee => CpuMsPerRequest > 0 ? (ServiceMs + ThinkMs) * Cores / CpuMsPerRequest : null;

    /// <summary>
    /// The model from the mean latency at level 1 (R₀) and the CPU per request; null without a usable R₀. S should be
    /// the least CPU per request of any level: at one connection the target's idle CPU, shared by few requests,
    /// inflates it (measured here: 0.3 ms per /io request at level 1, 0.03 ms at 256), and the cap with it.
    /// </summary>
    public static QueueingModel? From(double meanLatencyMs, double thinkMs, double cpuMsPerRequest, double cores) =>
        meanLatencyMs > 0 && cores > 0 ? new QueueingModel(meanLatencyMs, Math.Max(0, thinkMs), Math.Max(0, cpuMsPerRequest), cores) : null;
}
