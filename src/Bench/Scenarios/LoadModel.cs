namespace Bench.Scenarios;

/// <summary>How load is offered (design.md, "Scenarios").</summary>
public enum LoadModel
{
    /// <summary>N connections, each looping request → response (→ think time); levels are connection counts.</summary>
    Closed,

    /// <summary>A fixed arrival rate, latency measured from each request's intended send time; levels are requests per second.</summary>
    Open,
}
