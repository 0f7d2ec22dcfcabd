namespace Bench.Load;

/// <summary>How requests are issued (k6 and NBomber vocabulary).</summary>
public enum LoadModel
{
    /// <summary>N virtual users, each looping request → response → think time: the server's speed sets the pace.</summary>
    Closed,

    /// <summary>A fixed arrival rate, whatever the server does; latency counts from each request's intended send time.</summary>
    Open,
}
