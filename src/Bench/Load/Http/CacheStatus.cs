namespace Bench.Load.Http;

/// <summary>What a cache in front of the target said of a response (its <c>X-Cache-Status</c> header, as NGINX adds it).</summary>
public enum CacheStatus : byte
{
    /// <summary>The response carried no X-Cache-Status.</summary>
    None,
    Hit,
    Miss,

    /// <summary>Any other value: EXPIRED, BYPASS, STALE, UPDATING, REVALIDATED, …</summary>
    Other,
}
