namespace Bench.Results;

/// <summary>How an open-model level kept its schedule (bench run's engine, or Bench.Sdk's iterations): due in the window, started, started late, never started.</summary>
/// <param name="TargetRps">The schedule's mean rate over the window, iterations per second.</param>
/// <param name="RateReached">At least 98 % of the scheduled iterations started on time.</param>
/// <param name="PeakConnections">The most iterations running at once.</param>
public sealed record ScheduleResult(double TargetRps, long Scheduled, long Sent, long Late, long Unsent, bool RateReached, int PeakConnections);
