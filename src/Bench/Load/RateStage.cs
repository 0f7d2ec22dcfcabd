namespace Bench.Load;

/// <summary>
/// One open-model stage (k6's ramping-arrival-rate): over <paramref name="Duration"/> the arrival rate moves linearly
/// from where the previous stage ended to <paramref name="TargetRate"/> requests per second.
/// </summary>
public sealed record RateStage(TimeSpan Duration, double TargetRate);
