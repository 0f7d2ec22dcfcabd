namespace Bench.Load;

/// <summary>
/// What a cache in front of the target said of the measured window's responses (their X-Cache-Status header, any
/// status): HIT, MISS, and every other value (EXPIRED, BYPASS, STALE, …).
/// </summary>
public sealed record CacheCounts(long Hits, long Misses, long Other)
{
    /// <summary>The counts, or null when no response carried the header: a target without a cache has no cache record.</summary>
    public static CacheCounts? Of(long hits, long misses, long other) => hits + misses + other == 0 ? null : new(hits, misses, other);

    /// <summary>Hits ÷ every response that carried the header.</summary>
    public double HitRatio => (double)Hits / Math.Max(1, Hits + Misses + Other);
}
