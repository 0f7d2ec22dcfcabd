namespace Bench.Sdk;

/// <summary>How a <see cref="BenchHttpClient"/> connects and completes its calls.</summary>
public sealed record BenchHttpClientOptions
{
    /// <summary>Where a relative request (<c>Http.CreateRequest("GET", "/hello")</c>) goes when the scenario names no target; loopback only.</summary>
    public Uri? BaseAddress { get; init; }

    /// <summary>A call without a whole response this long after it was sent fails as <c>requestTimeout</c>.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>A connect not established this long after it started fails as <c>connectTimeout</c>.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// True (the default): the code after <c>await Http.Send(…)</c> runs on the client's event-loop thread, as soon as
    /// the response is parsed — no hop to the thread pool, which is what makes the helper as cheap as the engine. Only
    /// safe while that code does not block (no <c>Thread.Sleep</c>, no <c>.Result</c>, no long CPU work): a blocked
    /// loop holds every copy's call, and shows as latency. False: continuations run on the thread pool.
    /// </summary>
    public bool InlineContinuations { get; init; } = true;
}
