using System.Runtime.CompilerServices;

namespace Bench.Servers.Reactor;

/// <summary>
/// What an async method on the reactor awaits: readiness of its connection, a delay, or the next turn. The
/// continuation is stored and called by the reactor on its own thread — no SynchronizationContext, no thread pool, no
/// ExecutionContext capture (<see cref="UnsafeOnCompleted"/>). One per connection, reused by every await (a
/// connection awaits one thing at a time), so an await allocates nothing.
/// </summary>
public sealed class ReactorAwaitable : ICriticalNotifyCompletion, IReadinessHandler
{
    private static readonly Action<object> Fire = static a => ((ReactorAwaitable)a).Continue();

    private readonly ReactorTransport _transport;
    private Action? _continuation;
    private SuspendOn _on;
    private int _milliseconds;

    public ReactorAwaitable(ReactorTransport transport) => _transport = transport;

    private enum SuspendOn
    {
        Readable,
        Writable,
        Turn,
        Delay,
    }

    public bool IsCompleted => false;

    public ReactorAwaitable Readable() => Next(SuspendOn.Readable);

    public ReactorAwaitable Writable() => Next(SuspendOn.Writable);

    /// <summary>Give the others a turn (asyncio's <c>await asyncio.sleep(0)</c>).</summary>
    public ReactorAwaitable Turn() => Next(SuspendOn.Turn);

    public ReactorAwaitable Delay(int milliseconds)
    {
        _milliseconds = milliseconds;
        return Next(SuspendOn.Delay);
    }

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
            default:
                _transport.Reactor.After(_milliseconds, Fire, this);
                break;
        }
    }

    public void OnReady(bool readable, bool writable) => Continue();

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
