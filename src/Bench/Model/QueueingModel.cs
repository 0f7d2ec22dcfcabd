namespace Bench.Model;

/// <summary>
/// What operational queueing laws predict for a closed workload from its measurement at one connection:
/// <see cref="ServiceMs"/> R₀ (the response time with nobody else waiting), <see cref="ThinkMs"/> Z,
/// <see cref="CpuMsPerRequest"/> S on <see cref="Cores"/> cores. These are the asymptotic bounds of Denning and
/// Buzen: with no contention N connections make X = N / (R₀ + Z); a server that handles one request at a time
/// stays at X = 1 / R₀; CPU-bound work is capped at X = cores / S. Throughputs are requests per second.
/// </summary>
public sealed record QueueingModel(double ServiceMs, double ThinkMs, double CpuMsPerRequest, int Cores)
{
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

    /// <summary>The model when level 1 gives a usable service time (a positive mean latency), otherwise null.</summary>
    public static QueueingModel? FromLevelOne(double meanLatencyMs, double thinkMs, double cpuMsPerRequest, int cores) =>
        meanLatencyMs > 0 && cores > 0 ? new QueueingModel(meanLatencyMs, Math.Max(0, thinkMs), Math.Max(0, cpuMsPerRequest), cores) : null;
}
