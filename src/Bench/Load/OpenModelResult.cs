namespace Bench.Load;

/// <summary>How well an open-model run kept its schedule.</summary>
/// <param name="TargetRps">The schedule's mean arrival rate over the measured window.</param>
/// <param name="Scheduled">Requests whose intended send time fell in the measured window.</param>
/// <param name="Sent">Of those, the ones sent (or whose connection was started), in the window or while draining after it.</param>
/// <param name="Late">Of those sent, the ones sent later than <see cref="LoadOptions.LateAfter"/> after their intended time.</param>
/// <param name="Unsent">Scheduled but never sent: no connection was free and the maximum was reached.</param>
/// <param name="RateReached">At least 98 % of the scheduled requests were sent on time (sent and not late).</param>
/// <param name="PeakConnections">The most connections open at once.</param>
public sealed record OpenModelResult(double TargetRps, long Scheduled, long Sent, long Late, long Unsent, bool RateReached, int PeakConnections)
{
    /// <summary>Sent no later than <see cref="LoadOptions.LateAfter"/> after their intended time.</summary>
    public long OnTime => Sent - Late;
}
