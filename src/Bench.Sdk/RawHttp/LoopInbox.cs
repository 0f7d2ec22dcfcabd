using System.Collections.Concurrent;
using Bench.Load.Platform;

namespace Bench.Sdk.RawHttp;

/// <summary>
/// What other threads hand an <see cref="HttpLoop"/>: calls to start, cancellations and idle connections to close. The loop says when it is about
/// to sleep in epoll; a sender then writes the eventfd (<see cref="Signal"/>, registered in the loop's epoll) once,
/// and never while the loop is awake — so a loop kept busy by its own inline continuations pays no syscall for it.
/// </summary>
internal sealed class LoopInbox : IDisposable
{
    private readonly ConcurrentQueue<InboxItem> _queue = new();
    private int _sleeping;
    private volatile bool _closed;

    public WakeSignal Signal { get; } = new();

    public bool IsEmpty => _queue.IsEmpty;

    public void Post(InboxItem item)
    {
        _queue.Enqueue(item);
        if (Interlocked.CompareExchange(ref _sleeping, 0, 1) == 1)
        {
            Signal.Set();
        }

        if (_closed)
        {
            FailAll(); // the loop is gone: nobody else will
        }
    }

    public bool TryTake(out InboxItem item) => _queue.TryDequeue(out item);

    /// <summary>The loop is about to wait (a full fence: a post after this sees it, a post before it is in the queue).</summary>
    public void Sleeping() => Interlocked.Exchange(ref _sleeping, 1);

    public void Awake() => Interlocked.Exchange(ref _sleeping, 0);

    /// <summary>The loop has ended: a call queued, or posted later, fails as disposed; a close is done (every socket is).</summary>
    public void Close()
    {
        _closed = true;
        FailAll();
    }

    public void Dispose() => Signal.Dispose();

    private void FailAll()
    {
        while (_queue.TryDequeue(out var item))
        {
            if (item.Kind == InboxItem.Kinds.Start)
            {
                item.Exchange.Throw(new ObjectDisposedException(nameof(BenchHttpClient)));
            }

            item.Closed?.TrySetResult();
        }
    }
}
