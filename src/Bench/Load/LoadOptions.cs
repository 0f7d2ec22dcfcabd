namespace Bench.Load;

/// <summary>
/// Everything one run needs. The defaults are wrk's: one keep-alive connection, closed model, 10 s, GET.
/// <see cref="Validate"/> lists every problem at once; <see cref="LoadEngine"/> refuses options with any.
/// </summary>
public sealed record LoadOptions
{
    /// <summary>http:// URL on loopback; its path and query are the request target.</summary>
    public required Uri Url { get; init; }

    public string Method { get; init; } = "GET";

    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    /// <summary>Request body (UTF-8), sent with a Content-Length; empty for none.</summary>
    public string Body { get; init; } = "";

    /// <summary>The status that counts as success; null means any 2xx.</summary>
    public int? ExpectedStatus { get; init; }

    /// <summary>When set, a response with the expected status but another body is a <see cref="ErrorKinds.BodyMismatch"/>.</summary>
    public string? ExpectedBody { get; init; }

    public LoadModel Model { get; init; } = LoadModel.Closed;

    /// <summary>Closed: the virtual users, one connection each. Open: connections opened before the first request.</summary>
    public int Connections { get; init; } = 1;

    /// <summary>Open: the most connections open at once (default: the larger of <see cref="Connections"/> and 1000).</summary>
    public int? MaxConnections { get; init; }

    /// <summary>Open: arrivals per second during warmup and at the start of the stages.</summary>
    public double Rate { get; init; }

    /// <summary>Open: rate ramps over the measured window; after the last one its rate holds until the end.</summary>
    public IReadOnlyList<RateStage> Stages { get; init; } = [];

    /// <summary>
    /// Open: a request sent later than this after its intended time counts as late, and not towards the rate reached.
    /// 10 ms: a scheduling hiccup of the generator's thread on a busy machine (1–5 ms here) is not a missed rate; a
    /// backlog behind busy connections or a stalled generator is.
    /// </summary>
    public TimeSpan LateAfter { get; init; } = TimeSpan.FromMilliseconds(10);

    /// <summary>Closed: pause after each response.</summary>
    public ThinkTime Think { get; init; } = ThinkTime.None;

    /// <summary>Closed: connections start evenly spread over this time instead of all at once.</summary>
    public TimeSpan RampUp { get; init; }

    /// <summary>Closed: each connection sends exactly this many measured requests, then stops (bounded by <see cref="Duration"/>).</summary>
    public int? Iterations { get; init; }

    /// <summary>Load that is sent but not recorded, before the measured window.</summary>
    public TimeSpan Warmup { get; init; }

    /// <summary>The measured window; with <see cref="Iterations"/>, the most it may last.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The longest <see cref="Timeout"/>: the latency histograms' ceiling, so no timeout's wait is clamped.</summary>
    public static readonly TimeSpan MaxTimeout = TimeSpan.FromHours(1);

    /// <summary>A request without a complete response this long after it was sent is a timeout (at most <see cref="MaxTimeout"/>).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a connect may take; null means <see cref="Timeout"/>.</summary>
    public TimeSpan? ConnectTimeout { get; init; }

    /// <summary>Send "Connection: close" and open a new connection for every request.</summary>
    public bool ClosePerRequest { get; init; }

    /// <summary>Pin the whole generator process to the highest-numbered N CPUs, one event loop each.</summary>
    public int? Cpus { get; init; }

    /// <summary>Event-loop threads; null means one per CPU the generator may use (never more than connections).</summary>
    public int? Workers { get; init; }

    /// <summary>
    /// The number of the first connection in <c>{connection}</c> fields: a load agent carrying part of a level numbers
    /// its connections after the other agents', so every connection of the level has a number of its own.
    /// </summary>
    public int FirstConnection { get; init; }

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (!LoopbackUrl.TryResolve(Url, out _, out string urlError))
        {
            problems.Add(urlError);
        }
        else if (Http.RequestTemplate.Problem(Url!.PathAndQuery) is { } placeholder)
        {
            problems.Add(placeholder);
        }

        Require(problems, Connections >= 1, "connections must be at least 1");
        Require(problems, FirstConnection >= 0, "the first connection's number cannot be negative");
        Require(problems, Duration > TimeSpan.Zero, "the duration must be positive");
        Require(problems, Warmup >= TimeSpan.Zero, "the warmup cannot be negative");
        Require(problems, Timeout > TimeSpan.Zero && (ConnectTimeout ?? Timeout) > TimeSpan.Zero, "timeouts must be positive");
        Require(problems, Timeout <= MaxTimeout && (ConnectTimeout ?? Timeout) <= MaxTimeout, "a timeout is at most 1 hour (the latency histograms' range)");
        Require(problems, Think.Min >= TimeSpan.Zero && Think.Max >= Think.Min, "think time must be a fixed pause or a range min-max with 0 <= min <= max");
        Require(problems, RampUp >= TimeSpan.Zero, "the ramp-up cannot be negative");
        Require(problems, Cpus is null or >= 1, "--cpus must be at least 1");
        Require(problems, Workers is null or >= 1, "workers must be at least 1");
        Require(problems, ExpectedStatus is null or (>= 100 and <= 599), "the expected status must be 100-599");
        Require(problems, Warmup + Duration <= TimeSpan.FromHours(24), "a run is at most 24 hours");
        if (Model == LoadModel.Open)
        {
            Require(problems, Rate > 0 || Stages.Count > 0, "the open model needs a rate (requests per second) or stages");
            Require(problems, Rate >= 0 && Stages.All(s => s.TargetRate >= 0 && s.Duration > TimeSpan.Zero), "rates must be non-negative and stages must last");
            Require(problems, Stages.Aggregate(TimeSpan.Zero, (sum, s) => sum + s.Duration) <= Duration, "the stages last longer than the duration");
            Require(problems, MaxConnections is null || MaxConnections >= Connections, "max connections must be at least the connections");
            Require(problems, Iterations is null, "iterations belong to the closed model");
            Require(problems, Think.IsNone && RampUp == TimeSpan.Zero, "think time and ramp-up belong to the closed model");
            Require(problems, LateAfter >= TimeSpan.Zero, "the late threshold cannot be negative");
        }
        else
        {
            Require(problems, Iterations is null or >= 1, "iterations must be at least 1");
            Require(problems, Rate == 0 && Stages.Count == 0 && MaxConnections is null, "a rate, stages and max connections belong to the open model");
        }

        return problems;
    }

    private static void Require(List<string> problems, bool condition, string problem)
    {
        if (!condition)
        {
            problems.Add(problem);
        }
    }
}
