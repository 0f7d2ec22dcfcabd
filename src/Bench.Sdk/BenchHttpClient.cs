using Bench.Sdk.RawHttp;
using Bench.Sdk.Running;

namespace Bench.Sdk;

/// <summary>
/// Bench's raw HTTP client for <see cref="Http.Send"/>: one event-loop thread (epoll) owning every copy's keep-alive
/// connection, driven by the load engine's socket and parser code. Create it in <c>WithInit</c> (or before the
/// scenario) and dispose it after the run: disposing closes every connection and fails calls still in flight.
/// </summary>
public sealed class BenchHttpClient : IDisposable
{
    private readonly HttpLoop _loop;

    public BenchHttpClient(BenchHttpClientOptions? options = null)
    {
        Options = options ?? new BenchHttpClientOptions();
        if (Options.BaseAddress is { } address && !Load.LoopbackUrl.TryResolve(address, out _, out string error))
        {
            throw new ArgumentException(error, nameof(options));
        }

        _loop = new HttpLoop(Options);
    }

    public BenchHttpClientOptions Options { get; }

    internal ValueTask<Response<BenchHttpResponse>> Send(ScenarioContext copy, BenchHttpRequest.Encoded request, CancellationToken cancellationToken)
    {
        // The copy's own exchange (its connection) — or, while it is busy with another call of this copy, a one-off one.
        var exchange = copy.Attachment(this, static loop => new Exchange((HttpLoop)loop, reusable: true), _loop);
        if (!exchange.TryAcquire())
        {
            exchange = new Exchange(_loop, reusable: false);
            exchange.TryAcquire();
        }

        return exchange.Send(request, cancellationToken);
    }

    public void Dispose() => _loop.Dispose();
}
