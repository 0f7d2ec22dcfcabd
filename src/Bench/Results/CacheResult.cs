namespace Bench.Results;

/// <summary>A level's responses by their X-Cache-Status (NGINX's $upstream_cache_status): HIT, MISS, any other value.</summary>
public sealed record CacheResult(long Hits, long Misses, long Other)
{
    public static CacheResult? From(Load.CacheCounts? counts) => counts is null ? null : new(counts.Hits, counts.Misses, counts.Other);
}
