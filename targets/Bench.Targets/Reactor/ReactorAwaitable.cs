using System.Runtime.CompilerServices;

namespace Bench.Servers.Reactor;

/// <summary>
/// What an async method on the reactor awaits: readiness of its connection, a delay, or the next turn. The
/// continuation is stored and called by the reactor on its own thread — no SynchronizationContext, no thread pool, no
/// ExecutionContext capture (<see cref="UnsafeOnCompleted"/>). One per connection, reused by every await (a
/// connection awaits one thing at a time), so an await allocates nothing.
/// </summary>
public sealed class ReactorAwaitable : ICriticalNotifyCompletion, IReadinessHandler, IRedisReplyHandler
{
    private static readonly Action<object> Fire = static a => ((ReactorAwaitable)a).Continue();

    private readonly ReactorTransport _transport;
    private Action? _continuation;
    private SuspendOn _on;
    private int _milliseconds;
    private string? _key;
    private string? _value;

    public ReactorAwaitable(ReactorTransport transport) => _transport = transport;

    private enum SuspendOn
    {
        Readable,
        Writable,
        Turn,
        Delay,
        Redis,
    }

    public bool IsCompleted => false;

    /// <summary>The server's shared state, for what a connection on the reactor does without waiting (/blocking).</summary>
    public Hosting.ServerContext Context => _transport.Context;

    public ReactorAwaitable Readable() => Next(SuspendOn.Readable);

    public ReactorAwaitable Writable() => Next(SuspendOn.Writable);

    /// <summary>Give the others a turn (asyncio's <c>await asyncio.sleep(0)</c>).</summary>
    public ReactorAwaitable Turn() => Next(SuspendOn.Turn);

    public ReactorAwaitable Delay(int milliseconds)
    {
        _milliseconds = milliseconds;
        return Next(SuspendOn.Delay);
    }

    /// <summary>A Redis GET (SET with <paramref name="value"/>) on the reactor's own client; <see cref="Reply"/> holds the answer after the await.</summary>
    public ReactorAwaitable Redis(string key, string? value)
    {
        (_key, _value) = (key, value);
        return Next(SuspendOn.Redis);
    }

    /// <summary>The answer of the last <see cref="Redis"/> awaited.</summary>
    public Http.Response Reply { get; private set; }

    public ReactorAwaitable GetAwaiter() => this;

    public void GetResult()
    {
    }

    public void OnCompleted(Action continuation) => UnsafeOnCompleted(continuation);

    public void UnsafeOnCompleted(Action continuation)
    {
        _continuation = continuation;
        switch (_on)
        {
            case SuspendOn.Readable:
                _transport.WaitReadable(this);
                break;
            case SuspendOn.Writable:
                _transport.WaitWritable(this);
                break;
            case SuspendOn.Turn:
                _transport.Reactor.Soon(Fire, this);
                break;
            case SuspendOn.Redis:
                _transport.Redis.Execute(_key!, _value, this);
                break;
            default:
                _transport.Reactor.After(_milliseconds, Fire, this);
                break;
        }
    }

    public void OnReady(bool readable, bool writable) => Continue();

    public void OnRedisReply(Http.Response answer)
    {
        Reply = answer;
        Continue();
    }

    private ReactorAwaitable Next(SuspendOn on)
    {
        _on = on;
        return this;
    }

    private void Continue()
    {
        var continuation = _continuation!;
        _continuation = null;
        continuation();
    }
}
