using System.Diagnostics;
using System.Runtime.InteropServices;
using Bench.Servers.Hosting;

namespace Bench.Servers.Reactor;

/// <summary>
/// One thread, one epoll instance: it owns every socket registered with it, a timer heap for waits, and a queue of
/// work ready to run. Nothing runs behind its back — no thread pool, no SocketAsyncEventArgs, no Task scheduler — so
/// every handler runs on the thread that called <see cref="Run"/>. Everything but <see cref="Stop"/> must be called on
/// that thread.
/// </summary>
public sealed class Reactor : IDisposable
{
    private const int MaxEvents = 256;
    private const int WakeSlot = 0;

    private readonly int _epoll;
    private readonly int _wake;
    private readonly byte[] _events = GC.AllocateArray<byte>(MaxEvents * Linux.EventStride, pinned: true);
    private readonly byte[] _control = new byte[16];
    private readonly List<(IReadinessHandler? Handler, uint Generation)> _slots = [(null, 0)];
    private readonly Stack<int> _free = new();
    private readonly PriorityQueue<(Action<object> Callback, object State), long> _timers = new();
    private readonly Queue<(Action<object> Callback, object State)> _ready = new();
    private readonly ErrorLog _log;
    private static bool s_precise = true;
    private volatile bool _stopping;
    private Thread? _thread;

    public Reactor(ErrorLog log)
    {
        _log = log;
        _epoll = Linux.EpollCreate1(Linux.EPOLL_CLOEXEC);
        _wake = Linux.EventFd(0, Linux.EFD_NONBLOCK | Linux.EFD_CLOEXEC);
        if (_epoll < 0 || _wake < 0)
        {
            throw new IOException($"epoll_create1 or eventfd failed: errno {Marshal.GetLastPInvokeError()}");
        }

        Control(Linux.EPOLL_CTL_ADD, _wake, Linux.EPOLLIN, WakeSlot);
    }

    public bool IsReactorThread => Thread.CurrentThread == _thread;

    /// <summary>Registers <paramref name="fd"/> with no interest yet; the token names it in <see cref="Watch"/> and <see cref="Forget"/>.</summary>
    public ulong Register(int fd, IReadinessHandler handler)
    {
        int slot = _free.Count > 0 ? _free.Pop() : AddSlot();
        uint generation = _slots[slot].Generation + 1;
        _slots[slot] = (handler, generation);
        ulong token = ((ulong)generation << 32) | (uint)slot;
        Control(Linux.EPOLL_CTL_ADD, fd, 0, token);
        return token;
    }

    /// <summary>What <paramref name="fd"/> is watched for (level-triggered); hang-ups and errors are always reported.</summary>
    public void Watch(int fd, ulong token, bool readable, bool writable) =>
        Control(Linux.EPOLL_CTL_MOD, fd, (readable ? Linux.EPOLLIN : 0) | (writable ? Linux.EPOLLOUT : 0), token);

    /// <summary>
    /// Stops watching <paramref name="fd"/> and frees its token: an event of it still in this turn's batch is dropped
    /// (its generation no longer matches), even if the slot is reused at once.
    /// </summary>
    public void Forget(int fd, ulong token)
    {
        Control(Linux.EPOLL_CTL_DEL, fd, 0, token);
        int slot = (int)(uint)token;
        _slots[slot] = (null, _slots[slot].Generation);
        _free.Push(slot);
    }

    /// <summary>Runs <paramref name="callback"/> once <paramref name="milliseconds"/> have passed (a later turn, never now).</summary>
    /// <remarks>
    /// Due times are Stopwatch timestamps, not Environment.TickCount64: on Linux that is the coarse clock, which moves in
    /// steps of up to 4 ms, and made every /io?ms=20 wait 22–24 ms (measured at 1 000 connections).
    /// </remarks>
    public void After(int milliseconds, Action<object> callback, object state) =>
        _timers.Enqueue((callback, state), Stopwatch.GetTimestamp() + (milliseconds * Stopwatch.Frequency / 1000));

    /// <summary>Runs <paramref name="callback"/> on a later turn, after the sockets ready now had theirs: "give the others a turn".</summary>
    public void Soon(Action<object> callback, object state) => _ready.Enqueue((callback, state));

    /// <summary>Serves on the calling thread until <see cref="Stop"/>.</summary>
    public void Run()
    {
        _thread = Thread.CurrentThread;
        while (!_stopping)
        {
            int count = Wait();
            if (count < 0 && Marshal.GetLastPInvokeError() != Linux.EINTR)
            {
                throw new IOException($"epoll_wait failed: errno {Marshal.GetLastPInvokeError()}");
            }

            for (int i = 0; i < count; i++)
            {
                Dispatch(i);
            }

            RunDueTimers();
            RunReady();
        }
    }

    /// <summary>From any thread: makes <see cref="Run"/> return after its current turn.</summary>
    public void Stop()
    {
        _stopping = true;
        ulong one = 1;
        _ = Linux.Write(_wake, ref one, sizeof(ulong));
    }

    public void Dispose()
    {
        _ = Linux.Close(_wake);
        _ = Linux.Close(_epoll);
    }

    private int AddSlot()
    {
        _slots.Add((null, 0));
        return _slots.Count - 1;
    }

    private void Dispatch(int index)
    {
        var entry = _events.AsSpan(index * Linux.EventStride);
        uint events = MemoryMarshal.Read<uint>(entry);
        ulong token = MemoryMarshal.Read<ulong>(entry[Linux.EventDataOffset..]);
        int slot = (int)(uint)token;
        if (slot == WakeSlot)
        {
            ulong drained = 0;
            _ = Linux.Read(_wake, ref drained, sizeof(ulong));
            return;
        }

        var (handler, generation) = _slots[slot];
        if (handler is null || generation != (uint)(token >> 32))
        {
            return; // forgotten earlier in this turn
        }

        bool failed = (events & (Linux.EPOLLERR | Linux.EPOLLHUP)) != 0;
        Guard(static s => s.Handler.OnReady(s.Readable, s.Writable),
            (Handler: handler, Readable: failed || (events & Linux.EPOLLIN) != 0, Writable: failed || (events & Linux.EPOLLOUT) != 0));
    }

    /// <summary>
    /// Waits for events until the next timer is due, to the nanosecond (epoll_pwait2): epoll_wait's whole milliseconds,
    /// rounded up so as never to wake early, made a timer that followed a sleep half a millisecond late on average —
    /// at 1 000 connections on /io?ms=20 the loop sleeps between turns, and N/R fell short by that much.
    /// </summary>
    private unsafe int Wait()
    {
        long remaining = _ready.Count > 0 ? 0 : _timers.TryPeek(out _, out long due) ? Math.Max(0, due - Stopwatch.GetTimestamp()) : -1;
        if (s_precise)
        {
            var timeout = new Linux.Timespec
            {
                Seconds = remaining / Stopwatch.Frequency,
                Nanoseconds = (long)((remaining % Stopwatch.Frequency) * (1_000_000_000.0 / Stopwatch.Frequency)),
            };
            try
            {
                int count = Linux.EpollPwait2(_epoll, ref _events[0], MaxEvents, remaining < 0 ? null : &timeout, 0);
                if (count >= 0 || Marshal.GetLastPInvokeError() != Linux.ENOSYS)
                {
                    return count;
                }
            }
            catch (EntryPointNotFoundException)
            {
                // a C library older than 2.35
            }

            s_precise = false; // an older kernel or C library: whole milliseconds from now on
        }

        int milliseconds = remaining < 0 ? -1 : (int)Math.Min((remaining * 1000 + Stopwatch.Frequency - 1) / Stopwatch.Frequency, int.MaxValue);
        return Linux.EpollWait(_epoll, ref _events[0], MaxEvents, milliseconds);
    }

    private void RunDueTimers()
    {
        long now = Stopwatch.GetTimestamp();
        while (_timers.TryPeek(out var timer, out long due) && due <= now)
        {
            _timers.Dequeue();
            Guard(static t => t.Callback(t.State), timer);
        }
    }

    /// <summary>Only what was ready when the turn began: work queued now waits for the next turn, after I/O.</summary>
    private void RunReady()
    {
        for (int n = _ready.Count; n > 0; n--)
        {
            Guard(static r => r.Callback(r.State), _ready.Dequeue());
        }
    }

    /// <summary>One failing handler must never stop the loop serving everyone else.</summary>
    private void Guard<T>(Action<T> action, T state)
    {
        try
        {
            action(state);
        }
        catch (Exception e)
        {
            _log.Write($"reactor handler failed: {e.GetType().Name}: {e.Message}");
        }
    }

    private void Control(int operation, int fd, uint events, ulong token)
    {
        MemoryMarshal.Write(_control, in events);
        MemoryMarshal.Write(_control.AsSpan(Linux.EventDataOffset), in token);
        if (Linux.EpollCtl(_epoll, operation, fd, ref _control[0]) < 0)
        {
            throw new IOException($"epoll_ctl({operation}) on fd {fd} failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }
}
