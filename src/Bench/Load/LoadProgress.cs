namespace Bench.Load;

/// <summary>Reported about once a second while a run is going.</summary>
/// <param name="Elapsed">Since the run started, warmup included.</param>
/// <param name="Warmup">True while the warmup is still running (nothing is recorded yet).</param>
/// <param name="Requests">Responses recorded so far in the measured window.</param>
/// <param name="Errors">Errors recorded so far in the measured window.</param>
/// <param name="RecentRps">Recorded responses per second over the last interval (0 during warmup).</param>
public sealed record LoadProgress(TimeSpan Elapsed, bool Warmup, long Requests, long Errors, double RecentRps);
