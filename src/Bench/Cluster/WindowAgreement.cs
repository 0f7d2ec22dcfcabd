namespace Bench.Cluster;

/// <summary>
/// Whether the agents measured the same window: their windows' openings, and their closings, each on the controller's
/// clock, may lie at most <see cref="Tolerance"/> of the window apart. Further apart, the merged level adds up requests
/// from different moments, and is invalid.
/// </summary>
public static class WindowAgreement
{
    public const double Tolerance = 0.02;

    /// <summary>Null when they agree; else by how much they do not.</summary>
    public static string? Problem(IReadOnlyList<DateTimeOffset> opened, IReadOnlyList<DateTimeOffset> closed, TimeSpan window)
    {
        if (opened.Count < 2)
        {
            return null;
        }

        var apart = TimeSpan.FromTicks(Math.Max((opened.Max() - opened.Min()).Ticks, (closed.Max() - closed.Min()).Ticks));
        return apart.TotalSeconds > Tolerance * window.TotalSeconds
            ? $"the agents' windows disagree by {apart.TotalMilliseconds:0} ms (more than {Tolerance:P0} of the {window.TotalSeconds:0.#} s window)"
            : null;
    }
}
