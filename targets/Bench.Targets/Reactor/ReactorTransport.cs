using System.Net.Sockets;
using System.Runtime.InteropServices;
using Bench.Servers.Hosting;
using Bench.Servers.Http;

namespace Bench.Servers.Reactor;

/// <summary>
/// One connection's socket on the reactor (asyncio's transport): non-blocking receive and flush for the protocol, the
/// readiness its owner waits for, and closing — gracefully after an error response (shut down sending, drain what the
/// client still sends for a moment, on the loop), or at once. The three styles drive it; it knows none of them.
/// </summary>
public sealed class ReactorTransport : IReadinessHandler
{
    private const int DrainMilliseconds = 200;
    private const int DrainBytes = 256 * 1024;

    private readonly Reactor _reactor;
    private readonly Socket _socket;
    private readonly int _fd;
    private readonly ServerContext _context;
    private readonly Action<ReactorTransport> _released;
    private ulong _token;
    private IReadinessHandler? _waiter;
    private bool _watchRead;
    private bool _watchWrite;
    private bool _registered;
    private bool _hungUp;
    private int _sent;
    private int _drained = -1;

    public ReactorTransport(Reactor reactor, Socket socket, ServerContext context, Action<ReactorTransport> released, ReactorRedis redis)
    {
        Redis = redis;
        _reactor = reactor;
        _socket = socket;
        _fd = (int)socket.Handle;
        _context = context;
        _released = released;
        socket.Blocking = false;
        Protocol = context.Connections.Open(socket, watched: false);
        _token = reactor.Register(_fd, this);
        _registered = true;
    }

    public ConnectionProtocol Protocol { get; }

    public bool IsClosed { get; private set; }

    public Reactor Reactor => _reactor;

    public ServerContext Context => _context;

    /// <summary>The reactor's own Redis client (/redis), shared by every connection on this reactor.</summary>
    public ReactorRedis Redis { get; }

    /// <summary>Receives what is there into the protocol's buffer.</summary>
    public IoStatus Receive()
    {
        if (IsClosed)
        {
            return IoStatus.Closed;
        }

        var buffer = Protocol.ReceiveBuffer.Span;
        int n = Linux.Outcome(Linux.Recv(_fd, ref MemoryMarshal.GetReference(buffer), buffer.Length, 0));
        if (n == -1)
        {
            return IoStatus.WouldBlock;
        }

        if (n <= 0)
        {
            return IoStatus.Closed;
        }

        Protocol.Received(n);
        return IoStatus.Done;
    }

    /// <summary>Sends what the protocol has pending, as far as the socket takes it now.</summary>
    public IoStatus Flush()
    {
        var pending = Protocol.PendingOutput.Span;
        while (_sent < pending.Length)
        {
            if (IsClosed)
            {
                return IoStatus.Closed;
            }

            var rest = pending[_sent..];
            int n = Linux.Outcome(Linux.Send(_fd, ref MemoryMarshal.GetReference(rest), rest.Length, Linux.MSG_NOSIGNAL));
            if (n == -1)
            {
                return IoStatus.WouldBlock;
            }

            if (n < 0)
            {
                return IoStatus.Closed;
            }

            _sent += n;
        }

        _sent = 0;
        Protocol.Flushed();
        return IoStatus.Done;
    }

    /// <summary>
    /// <paramref name="owner"/> is called once the socket is readable (or writable), on a later turn. An owner that waits
    /// for a timer or a turn instead calls nothing here: the socket stays watched as it was, so a client that sends
    /// nothing meanwhile (almost every one) costs no epoll_ctl, and one that does is unwatched when its readiness
    /// arrives with no owner waiting (<see cref="OnReady"/>), so level-triggered readiness cannot spin.
    /// </summary>
    public void WaitReadable(IReadinessHandler owner) => Wait(owner, readable: true, writable: false);

    public void WaitWritable(IReadinessHandler owner) => Wait(owner, readable: false, writable: true);


    public void OnReady(bool readable, bool writable)
    {
        if (_drained >= 0)
        {
            Drain();
            return;
        }

        if (_waiter is { } owner)
        {
            _waiter = null;
            owner.OnReady(readable, writable);
        }
        else if (readable && writable && _registered)
        {
            // A hang-up while the owner waits for a timer: reported every turn until then, whatever the interest.
            _hungUp = true;
            Unregister();
        }
        else
        {
            // Bytes (a pipelined request) while the owner waits for a timer: they stay in the socket until it waits again.
            Interest(readable: false, writable: false);
        }
    }

    /// <summary>Closes the connection: after draining the client's leftovers when <paramref name="graceful"/>, else at once.</summary>
    public void Close(bool graceful)
    {
        if (IsClosed || _drained >= 0)
        {
            return;
        }

        if (graceful && !_hungUp)
        {
            try
            {
                _socket.Shutdown(SocketShutdown.Send);
                _drained = 0;
                _waiter = null;
                Interest(readable: true, writable: false);
                _reactor.After(DrainMilliseconds, static t => ((ReactorTransport)t).Release(), this);
                return;
            }
            catch (SocketException)
            {
                // The peer went away first: nothing left to protect.
            }
        }

        Release();
    }

    private void Wait(IReadinessHandler owner, bool readable, bool writable)
    {
        _waiter = owner;
        if (IsClosed || _hungUp)
        {
            _reactor.Soon(static t => ((ReactorTransport)t).OnReadyNow(), this);
            return;
        }

        Interest(readable, writable);
    }

    private void OnReadyNow()
    {
        if (_waiter is { } owner)
        {
            _waiter = null;
            owner.OnReady(readable: true, writable: true);
        }
    }

    private void Drain()
    {
        Span<byte> scratch = stackalloc byte[4096];
        while (!IsClosed)
        {
            int n = _socket.Receive(scratch, SocketFlags.None, out var error);
            if (error == SocketError.WouldBlock)
            {
                return;
            }

            _drained += n;
            if (error != SocketError.Success || n == 0 || _drained >= DrainBytes)
            {
                Release();
            }
        }
    }

    private void Interest(bool readable, bool writable)
    {
        if (_registered && (readable != _watchRead || writable != _watchWrite))
        {
            _reactor.Watch(_fd, _token, readable, writable);
            (_watchRead, _watchWrite) = (readable, writable);
        }
    }

    private void Unregister()
    {
        if (_registered)
        {
            _registered = false;
            _reactor.Forget(_fd, _token);
            _token = 0;
        }
    }

    /// <summary>Gives the socket and the protocol's buffers back; an owner still waiting is woken to find it closed.</summary>
    private void Release()
    {
        if (IsClosed)
        {
            return;
        }

        IsClosed = true;
        Unregister();
        _context.Connections.Close(Protocol);
        _released(this);
        if (_waiter is not null)
        {
            _reactor.Soon(static t => ((ReactorTransport)t).OnReadyNow(), this);
        }
    }
}
