using System.Collections.Concurrent;
using Bench.Servers.Hosting;

namespace Bench.Servers.Models;

/// <summary>
/// An event loop: one dedicated thread runs every posted callback, in order. As a
/// SynchronizationContext it makes every await continue on that thread (asyncio's one thread);
/// used directly, it is the queue that completion callbacks are confined to.
/// </summary>
public sealed class SingleThreadLoop : SynchronizationContext, IDisposable
{
    private readonly ConcurrentQueue<(SendOrPostCallback Callback, object? State)> _queue = new();
    private readonly ManualResetEventSlim _wake = new(false);
    private readonly ErrorLog _log;
    private readonly Thread _thread;
    private int _sleeping;
    private volatile bool _stopped;

    public SingleThreadLoop(string name, ErrorLog log)
    {
        _log = log;
        _thread = new Thread(Run) { IsBackground = true, Name = name };
        _thread.Start();
    }

    public bool IsLoopThread => Thread.CurrentThread == _thread;

    public override void Post(SendOrPostCallback d, object? state)
    {
        _queue.Enqueue((d, state));

        // Only pay for a kernel wake-up when the loop is actually asleep.
        if (Interlocked.Exchange(ref _sleeping, 0) == 1)
        {
            _wake.Set();
        }
    }

    public override void Send(SendOrPostCallback d, object? state)
    {
        if (!IsLoopThread)
        {
            throw new NotSupportedException("Send from another thread would block it on the loop; use Post.");
        }

        d(state);
    }

    public override SynchronizationContext CreateCopy() => this;

    public void Dispose()
    {
        _stopped = true;
        _wake.Set();
    }

    private void Run()
    {
        SetSynchronizationContext(this);
        while (!_stopped)
        {
            while (_queue.TryDequeue(out var item))
            {
                try
                {
                    item.Callback(item.State);
                }
                catch (Exception e)
                {
                    // One failing callback must never stop the loop serving everyone else.
                    _log.Write($"event loop callback failed: {e.GetType().Name}: {e.Message}");
                }
            }

            Volatile.Write(ref _sleeping, 1);
            if (!_queue.IsEmpty)
            {
                Volatile.Write(ref _sleeping, 0);
                continue;
            }

            _wake.Wait();
            _wake.Reset();
        }
    }
}
