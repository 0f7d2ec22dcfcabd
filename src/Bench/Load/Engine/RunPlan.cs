using System.Diagnostics;
using System.Net;
using System.Text;
using Bench.Load.Http;
using Bench.Load.Platform;

namespace Bench.Load.Engine;

/// <summary>
/// What every worker of one run shares, read-only: the encoded request, the address, and the run's clock marks in
/// Stopwatch ticks. The event loops use the monotonic Stopwatch clock (not an injected TimeProvider) because the
/// kernel's epoll timeouts run on it: a fake clock could not drive real sockets.
/// </summary>
internal sealed class RunPlan
{
    private long _connections;

    private RunPlan(LoadOptions options, IPEndPoint endpoint, long start, int workers, IReadOnlyList<int> cpus)
    {
        Options = options;
        Address = NativeSocket.EncodeAddress(endpoint);
        string host = endpoint.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{endpoint.Address}]:{endpoint.Port}" : endpoint.ToString();
        var template = RequestTemplate.Of(options.Url.PathAndQuery);
        Request = HttpRequestEncoder.Encode(options.Method, template.Path, host, options.Headers, Encoding.UTF8.GetBytes(options.Body), options.ClosePerRequest);
        // The path follows "METHOD " in the request line, one byte per character (Latin-1).
        int pathStart = options.Method.Length + 1;
        ConnectionFields = [.. template.ConnectionFields.Select(f => pathStart + f)];
        RequestFields = [.. template.RequestFields.Select(f => pathStart + f)];
        BodyAllowed = !options.Method.Equals("HEAD", StringComparison.OrdinalIgnoreCase);
        ExpectedBody = options.ExpectedBody is null ? null : Encoding.UTF8.GetBytes(options.ExpectedBody);
        Start = start;
        MeasureStart = start + Ticks(options.Warmup);
        MeasureEnd = MeasureStart + Ticks(options.Duration);
        TimeoutTicks = Ticks(options.Timeout);
        ConnectTimeoutTicks = Ticks(options.ConnectTimeout ?? options.Timeout);
        LateTicks = Ticks(options.LateAfter);
        Workers = workers;
        Cpus = cpus;
    }

    public static long TicksPerSecond => Stopwatch.Frequency;

    public LoadOptions Options { get; }

    public byte[] Address { get; }

    /// <summary>The request as encoded; with <c>{connection}</c> or <c>{request}</c> fields, each connection's copy is <see cref="RequestOf"/>.</summary>
    public byte[] Request { get; }

    /// <summary>Where each <c>{connection}</c> field starts in <see cref="Request"/>.</summary>
    public int[] ConnectionFields { get; }

    /// <summary>Where each <c>{request}</c> field starts in <see cref="Request"/>: rewritten before every request.</summary>
    public int[] RequestFields { get; }

    /// <summary>True when connections send requests of their own (the path has fields), not the one shared request.</summary>
    public bool Varies => ConnectionFields.Length + RequestFields.Length > 0;

    public bool BodyAllowed { get; }

    public byte[]? ExpectedBody { get; }

    public long Start { get; }

    public long MeasureStart { get; }

    public long MeasureEnd { get; }

    public long TimeoutTicks { get; }

    public long ConnectTimeoutTicks { get; }

    public long LateTicks { get; }

    public int Workers { get; }

    /// <summary>The CPUs the workers are pinned to (worker i on Cpus[i % Count]); empty when not pinned.</summary>
    public IReadOnlyList<int> Cpus { get; }

    /// <summary>Set from another thread to make every worker stop at its next loop turn (within ~10 ms).</summary>
    public StopSignal Stop { get; } = new();

    /// <summary>A plan whose run starts <paramref name="lead"/> from now.</summary>
    public static RunPlan Create(LoadOptions options, IPEndPoint endpoint, int workers, IReadOnlyList<int> cpus, TimeSpan lead) =>
        new(options, endpoint, Stopwatch.GetTimestamp() + Ticks(lead), workers, cpus);

    /// <summary>A connection's own copy of the request, its number in every <c>{connection}</c> field; numbers run across workers.</summary>
    public byte[] RequestOf(out int[] requestFields)
    {
        long number = Interlocked.Increment(ref _connections) - 1 + Options.FirstConnection;
        byte[] own = (byte[])Request.Clone();
        foreach (int field in ConnectionFields)
        {
            RequestTemplate.WriteDigits(own.AsSpan(field, RequestTemplate.ConnectionDigits), number);
        }

        requestFields = RequestFields;
        return own;
    }

    public static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * TicksPerSecond);

    public bool IsExpectedStatus(int status) => Options.ExpectedStatus is { } expected ? status == expected : status is >= 200 and < 300;

    public bool InWindow(long timestamp) => timestamp >= MeasureStart && timestamp < MeasureEnd;
}
