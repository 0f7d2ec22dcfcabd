namespace Bench.Cluster;

/// <summary>
/// One agent's clock against the controller's, NTP-style: the agent's time minus the midpoint of the round trip that
/// asked it. The best of several samples (the shortest round trip) is kept; the offset is known to ± half that trip.
/// </summary>
public sealed record ClockSample(TimeSpan Offset, TimeSpan RoundTrip)
{
    public static ClockSample From(DateTimeOffset sent, DateTimeOffset agentNow, DateTimeOffset received) =>
        new(agentNow - (sent + ((received - sent) / 2)), received - sent);

    public static ClockSample Best(IEnumerable<ClockSample> samples) => samples.MinBy(s => s.RoundTrip)
        ?? throw new ArgumentException("no clock sample", nameof(samples));
}
