using System.Diagnostics;
using Bench.Load.Engine;
using Bench.Load.Measurement;
using Bench.Load.Platform;
using static Bench.Load.Platform.LinuxNative;

namespace Bench.Sdk.RawHttp;

/// <summary>
/// The event loop behind a <see cref="BenchHttpClient"/>: one thread, one epoll instance and the load engine's
/// <see cref="ConnectionIo"/> (connect, the queued sends flushed once per loop turn, the parser), as a worker of
/// <c>bench load</c> runs them. A call made on this thread (the continuation of the copy's last call, inline) is queued
/// in a plain list; one from another thread goes through a concurrent queue and wakes the loop by an eventfd only when
/// it sleeps. A call settles on this thread, so with inline continuations the copy's next call starts here too — no
/// thread hop per request, as in the engine.
/// </summary>
internal sealed class HttpLoop : IConnectionEvents, IDisposable
{
    private const ulong WakeData = ulong.MaxValue;
    private const int StartPasses = 4;
    private static readonly long ScanInterval = Stopwatch.Frequency / 100;
    private static readonly long ScanIntervalNanoseconds = 10_000_000;

    private readonly Epoll _epoll = new(1024);
    private readonly LoopInbox _inbox = new();
    private readonly ConnectionIo _io;
    private readonly ConnectionSlots _slots = new();
    private readonly List<Exchange> _local = [];
    private readonly Thread _thread;
    private volatile bool _stopping;

    public HttpLoop(BenchHttpClientOptions options)
    {
        Options = options;
        _io = new ConnectionIo(new ConnectionSettings(Ticks(options.Timeout), Ticks(options.ConnectTimeout), ClosePerRequest: false), _epoll, this);
        _ = _epoll.Add(_inbox.Signal.Fd, EPOLLIN, WakeData);
        _thread = new Thread(Run) { IsBackground = true, Name = "bench-http" };
        _thread.Start();
    }

    public BenchHttpClientOptions Options { get; }

    private bool OnLoop => Environment.CurrentManagedThreadId == _thread.ManagedThreadId;

    /// <summary>Hands the exchange's call to the loop (from any thread).</summary>
    public void Start(Exchange exchange, short version)
    {
        if (_stopping)
        {
            exchange.Throw(new ObjectDisposedException(nameof(BenchHttpClient)));
        }
        else if (OnLoop)
        {
            _local.Add(exchange);
        }
        else
        {
            _inbox.Post(new InboxItem(exchange, version, InboxItem.Kinds.Start));
        }
    }

    /// <summary>The call's token was cancelled (on any thread): the loop closes its connection and fails it.</summary>
    public void Cancel(Exchange exchange, short version) => _inbox.Post(new InboxItem(exchange, version, InboxItem.Kinds.Cancel));

    /// <summary>
    /// Closes the exchange's connection if no call is in flight on it (from any thread, the loop's too); the task
    /// completes once it is closed, on the pool — never running the caller's code on this thread.
    /// </summary>
    public Task CloseIdle(Exchange exchange)
    {
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _inbox.Post(new InboxItem(exchange, exchange.Version, InboxItem.Kinds.Close, closed));
        return closed.Task;
    }

    public void Dispose()
    {
        _stopping = true;
        _inbox.Signal.Set();
        if (!OnLoop)
        {
            _thread.Join();
        }
    }

    private void Run()
    {
        long nextScan = Stopwatch.GetTimestamp() + ScanInterval;
        while (!_stopping)
        {
            TakeInbox();
            StartLocal();
            _io.FlushSends();
            long now = Stopwatch.GetTimestamp();
            if (now >= nextScan)
            {
                ScanDeadlines(now);
                nextScan = now + ScanInterval;
            }

            _inbox.Sleeping();
            long timeout = _local.Count > 0 || !_inbox.IsEmpty ? 0 : ScanIntervalNanoseconds;
            int ready = _epoll.Wait(timeout);
            _inbox.Awake();
            for (int i = 0; i < ready; i++)
            {
                ulong data = _epoll.DataAt(i);
                if (data == WakeData)
                {
                    _inbox.Signal.Reset();
                    continue;
                }

                if (_slots.Find(data) is { } c)
                {
                    _io.OnEvent(c, _epoll.EventsAt(i));
                }
            }

            _io.FlushSends();
        }

        Shutdown();
    }

    private void TakeInbox()
    {
        while (_inbox.TryTake(out var item))
        {
            if (item.Kind == InboxItem.Kinds.Start)
            {
                _local.Add(item.Exchange);
            }
            else if (item.Kind == InboxItem.Kinds.Close)
            {
                if (!item.Exchange.Pending && item.Exchange.Connection is { HasRequest: false } idle && !_local.Contains(item.Exchange))
                {
                    _io.Close(idle);
                    idle.State = ConnectionState.Closed;
                }

                item.Closed!.TrySetResult();
            }
            else if (!item.Exchange.Pending && item.Exchange.Version == item.Version)
            {
                item.Exchange.CancelledVersion = item.Version; // its start is queued still: it fails when it begins
            }
            else if (item.Exchange.Pending && item.Exchange.Version == item.Version && item.Exchange.Connection is { } c)
            {
                _io.Close(c);
                c.HasRequest = false;
                c.State = ConnectionState.Closed;
                Release(item.Exchange);
                item.Exchange.Throw(new OperationCanceledException("the call was cancelled"));
            }
        }
    }

    /// <summary>Starts the queued calls; a call that fails at once (refused) settles here, and its continuation may queue more.</summary>
    private void StartLocal()
    {
        for (int pass = 0; pass < StartPasses && _local.Count > 0; pass++)
        {
            int count = _local.Count;
            for (int i = 0; i < count; i++)
            {
                Begin(_local[i]);
            }

            _local.RemoveRange(0, count);
        }
    }

    private void Begin(Exchange exchange)
    {
        if (exchange.CancelledVersion == exchange.Version)
        {
            exchange.CancelledVersion = null;
            exchange.Throw(new OperationCanceledException("the call was cancelled"));
            return;
        }

        var request = exchange.Request!;
        var c = exchange.Connection ??= _slots.Rent(exchange);
        if (!ReferenceEquals(c.Address, request.Address))
        {
            _io.Close(c); // another target: a connection of its own
            c.Address = request.Address;
        }

        c.Request = request.Request;
        c.BodyAllowed = request.BodyAllowed;
        c.HasRequest = true;
        exchange.MarkPending();
        if (c.Fd >= 0)
        {
            _io.Send(c);
        }
        else
        {
            _io.Connect(c, Stopwatch.GetTimestamp());
        }
    }

    /// <summary>A one-off exchange's connection is closed and its slot freed once its call settles.</summary>
    private void Release(Exchange exchange)
    {
        if (!exchange.Reusable && exchange.Connection is { } c)
        {
            _io.Close(c);
            _slots.Free(c);
            exchange.Connection = null;
        }
    }

    void IConnectionEvents.Connected(Connection connection, long now)
    {
        if (connection.HasRequest)
        {
            _io.Send(connection);
        }
        else
        {
            connection.State = ConnectionState.Idle;
        }
    }

    void IConnectionEvents.Completed(Connection connection, long now)
    {
        var exchange = _slots.Owner(connection);
        var parser = connection.Parser;
        connection.HasRequest = false;
        connection.State = ConnectionState.Idle;
        if (!parser.KeepAlive || connection.PeerClosed)
        {
            _io.Close(connection);
        }

        int status = parser.StatusCode;
        long bodyLength = parser.BodyLength;
        Release(exchange);
        exchange.Complete(status, bodyLength);
    }

    void IConnectionEvents.Failed(Connection connection, ErrorKind kind, long now)
    {
        var exchange = _slots.Owner(connection);
        bool pending = connection.HasRequest;
        connection.HasRequest = false;
        connection.State = ConnectionState.Closed;
        if (pending && exchange.Pending)
        {
            Release(exchange);
            exchange.Fail(ResultBuilder.Name(kind));
        }
    }

    private void ScanDeadlines(long now)
    {
        foreach (var c in _slots.Connections)
        {
            if (c.State is ConnectionState.Connecting or ConnectionState.Sending or ConnectionState.Awaiting && c.Fd >= 0 && now >= c.Deadline)
            {
                var kind = c.State == ConnectionState.Connecting ? ErrorKind.ConnectTimeout : ErrorKind.RequestTimeout;
                _io.Close(c);
                ((IConnectionEvents)this).Failed(c, kind, now);
            }
        }
    }

    /// <summary>The client is disposed: every call not settled fails, every socket closes.</summary>
    private void Shutdown()
    {
        var disposed = new ObjectDisposedException(nameof(BenchHttpClient));
        foreach (var exchange in _slots.Owners)
        {
            if (exchange is { Pending: true })
            {
                exchange.Throw(disposed);
            }
        }

        foreach (var exchange in _local)
        {
            exchange.Throw(disposed);
        }

        _local.Clear();
        foreach (var c in _slots.Connections)
        {
            _io.Close(c);
        }

        _inbox.Close();
        _epoll.Dispose();
        _inbox.Dispose();
    }

    private static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);
}
