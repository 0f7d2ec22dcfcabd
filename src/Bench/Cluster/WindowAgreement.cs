namespace Bench.Cluster;

/// <summary>
/// Whether the agents measured the same window: their windows' openings, and their closings, each on the controller's
/// clock, may lie at most <see cref="Tolerance"/> of the window apart, and never less than <see cref="Floor"/> (one
/// time slice of a busy scheduler, which can delay any thread's start). Further apart, the merged level adds up
/// requests from different moments, and is invalid.
/// </summary>
public static class WindowAgreement
{
    public const double Tolerance = 0.02;

    public static readonly TimeSpan Floor = TimeSpan.FromMilliseconds(25);

    /// <summary>Null when they agree; else by how much they do not.</summary>
    public static string? Problem(IReadOnlyList<DateTimeOffset> opened, IReadOnlyList<DateTimeOffset> closed, TimeSpan window)
    {
        if (opened.Count < 2)
        {
            return null;
        }

        var apart = TimeSpan.FromTicks(Math.Max((opened.Max() - opened.Min()).Ticks, (closed.Max() - closed.Min()).Ticks));
        var allowed = TimeSpan.FromTicks(Math.Max(Floor.Ticks, (long)(Tolerance * window.Ticks)));
        return apart > allowed
            ? $"the agents' windows disagree by {apart.TotalMilliseconds:0} ms (more than {allowed.TotalMilliseconds:0} ms: {Tolerance:P0} of the {window.TotalSeconds:0.#} s window, at least {Floor.TotalMilliseconds:0} ms)"
            : null;
    }
}
