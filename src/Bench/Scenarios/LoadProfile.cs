using Bench.Load;

namespace Bench.Scenarios;

/// <summary>
/// How hard and how long: the levels to sweep (connections for the closed model, requests per second for the
/// open one) and the timings of each level. Defaults are the documented ones (docs/scenarios.md).
/// </summary>
/// <param name="Repeats">How many times each level runs; with <see cref="AutoRepeats"/>, the most it may run.</param>
public sealed record LoadProfile(
    LoadModel Model,
    IReadOnlyList<int> Levels,
    ThinkTime Think,
    int? Iterations,
    TimeSpan RampUp,
    int MaxConnections,
    TimeSpan Warmup,
    TimeSpan Duration,
    int Repeats,
    TimeSpan Timeout,
    TimeSpan Cooldown)
{
    /// <summary>Set for <c>repeats: auto</c>: a cell stops repeating once its throughput has converged (then <see cref="Repeats"/> is its maximum).</summary>
    public AutoRepeats? AutoRepeats { get; init; }

    public const int DefaultMaxConnections = 1024;
    public const int DefaultRepeats = 1;

    public static readonly TimeSpan DefaultWarmup = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan DefaultDuration = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan DefaultCooldown = TimeSpan.FromSeconds(1);
}
