using System.Threading.Tasks.Sources;
using Bench.Load.Engine;
using Bench.Sdk.Running;

namespace Bench.Sdk.RawHttp;

/// <summary>
/// One copy's call slot on a <see cref="HttpLoop"/>: its connection and the reusable source of the ValueTask each call
/// returns, so a call allocates only its Response. Acquired by one call at a time; settled once, on the loop's thread
/// (by the response, a failure, a timeout, the call's cancellation or the client's disposal).
/// </summary>
internal sealed class Exchange(HttpLoop loop, bool reusable) : IValueTaskSource<Response<BenchHttpResponse>>, IConnectionHolder
{
    private static readonly string[] StatusTexts = [.. Enumerable.Range(0, 600).Select(code => code.ToString(System.Globalization.CultureInfo.InvariantCulture))];

    private ManualResetValueTaskSourceCore<Response<BenchHttpResponse>> _core = new() { RunContinuationsAsynchronously = !loop.Options.InlineContinuations };
    private CancellationTokenRegistration _cancellation;
    private int _busy;

    /// <summary>False for a one-off exchange (a copy's parallel call): its connection is closed when it settles.</summary>
    public bool Reusable { get; } = reusable;

    /// <summary>The engine's connection this exchange drives; created on the loop thread at its first call.</summary>
    public Connection? Connection { get; set; }

    /// <summary>What the current call sends: written before the call is handed to the loop, read there.</summary>
    public BenchHttpRequest.Encoded? Request { get; private set; }

    /// <summary>The current call's number: a late cancellation of an earlier call is recognised and ignored.</summary>
    public short Version => _core.Version;

    /// <summary>True while a call is in flight (not yet handed back to its caller's continuation).</summary>
    public bool Pending { get; private set; }

    /// <summary>The call whose cancellation reached the loop before the call itself began (checked when it begins).</summary>
    public short? CancelledVersion { get; set; }

    public bool TryAcquire() => Interlocked.CompareExchange(ref _busy, 1, 0) == 0;

    public ValueTask<Response<BenchHttpResponse>> Send(BenchHttpRequest.Encoded request, CancellationToken cancellationToken)
    {
        _core.Reset();
        Request = request;
        short version = _core.Version;
        if (cancellationToken.IsCancellationRequested)
        {
            Settle(null, new OperationCanceledException(cancellationToken));
            return new ValueTask<Response<BenchHttpResponse>>(this, version);
        }

        if (cancellationToken.CanBeCanceled)
        {
            _cancellation = cancellationToken.UnsafeRegister(static (state, _) => ((Exchange)state!).RequestCancel(), this);
        }

        loop.Start(this, version);
        return new ValueTask<Response<BenchHttpResponse>>(this, version);
    }

    /// <summary>Marks the call started on the loop (its outcome is now the loop's to deliver).</summary>
    public void MarkPending() => Pending = true;

    public void Complete(int status, long bodyLength)
    {
        var payload = new BenchHttpResponse(status, bodyLength);
        string code = (uint)status < StatusTexts.Length ? StatusTexts[status] : status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Settle(new Response<BenchHttpResponse>(!payload.IsSuccessStatusCode, code, "", bodyLength, payload), null);
    }

    /// <summary>The call failed before a whole response: <paramref name="errorKey"/> is the engine's error kind.</summary>
    public void Fail(string errorKey) =>
        Settle(new Response<BenchHttpResponse>(true, "", errorKey, 0, default) { ErrorKey = errorKey }, null);

    public void Throw(Exception exception) => Settle(null, exception);

    /// <summary>The phase has ended: the copy's keep-alive connection is closed (the next call connects again).</summary>
    public Task CloseIdleAsync() => loop.CloseIdle(this);

    private void RequestCancel() => loop.Cancel(this, _core.Version);

    private void Settle(Response<BenchHttpResponse>? response, Exception? exception)
    {
        Pending = false;
        _ = _cancellation.Unregister();
        _cancellation = default;
        Request = null;
        if (exception is null)
        {
            _core.SetResult(response!);
        }
        else
        {
            _core.SetException(exception);
        }
    }

    public Response<BenchHttpResponse> GetResult(short token)
    {
        var result = _core.GetResult(token);
        // Free again once the caller has its result: its continuation may send the copy's next call at once.
        Volatile.Write(ref _busy, 0);
        return result;
    }

    public ValueTaskSourceStatus GetStatus(short token) => _core.GetStatus(token);

    public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _core.OnCompleted(continuation, state, token, flags);
}
