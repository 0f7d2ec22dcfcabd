using System.Diagnostics;
using System.Runtime.CompilerServices;
using Bench.Load.Http;
using Bench.Load.Measurement;
using Bench.Load.Platform;
using static Bench.Load.Platform.LinuxNative;

namespace Bench.Load.Engine;

/// <summary>
/// The socket side of a worker: connect, send the pre-encoded request, read and parse the response, close.
/// Sockets are registered edge-triggered for reading; writability is watched only while a connect or a send that
/// did not fit is pending (else every ACK would wake the loop). A keep-alive request costs one send, one receive and
/// a share of one epoll wait — no epoll_ctl per request (wrk does two). Outcomes go to <see cref="IConnectionEvents"/>.
/// What is sent, and where, is the connection's (<see cref="Connection.Request"/>, <see cref="Connection.Address"/>):
/// the engine gives every connection its run's one request; Bench.Sdk's HTTP helper a request per call.
/// </summary>
internal sealed class ConnectionIo(ConnectionSettings settings, Epoll epoll, IConnectionEvents sink)
{
    private const uint ReadInterest = EPOLLIN | EPOLLRDHUP | EPOLLET;
    private const uint WriteInterest = ReadInterest | EPOLLOUT;
    private const uint Trouble = EPOLLERR | EPOLLHUP;
    private const int FlushPasses = 4;

    private readonly List<Connection> _sends = [];

    public int OpenSockets { get; private set; }

    public int PeakSockets { get; private set; }

    /// <summary>Handles one epoll event for <paramref name="c"/>'s current socket.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void OnEvent(Connection c, uint ready)
    {
        bool readable = (ready & (EPOLLIN | EPOLLRDHUP | Trouble)) != 0;
        // The peer's FIN may have come with the last bytes: edge-triggered, it raises no edge of its own later.
        c.PeerClosed |= (ready & (EPOLLRDHUP | Trouble)) != 0;
        switch (c.State)
        {
            case ConnectionState.Connecting when (ready & (EPOLLOUT | Trouble)) != 0:
                FinishConnect(c, ready);
                break;
            case ConnectionState.Sending when !c.SendQueued:
                if ((ready & (EPOLLOUT | Trouble)) != 0)
                {
                    ContinueSend(c, Stopwatch.GetTimestamp());
                }

                if (c.State == ConnectionState.Awaiting && readable)
                {
                    Receive(c);
                }

                break;
            case ConnectionState.Awaiting when readable:
                Receive(c);
                break;
            case ConnectionState.Idle or ConnectionState.Thinking when readable:
                // An idle keep-alive connection the server closed (or that sent bytes unasked): unusable now.
                if (NativeSocket.Receive(c.Fd, c.Buffer) != -EAGAIN)
                {
                    Close(c);
                }

                break;
        }
    }

    /// <summary>Opens a socket for <paramref name="c"/>; the outcome arrives as Connected or Failed (maybe at once).</summary>
    public void Connect(Connection c, long now)
    {
        int fd = NativeSocket.Connect(c.Address, out int error);
        if (fd < 0)
        {
            Fail(c, ConnectErrorKind(error), now);
            return;
        }

        c.Fd = fd;
        c.Generation++;
        c.PeerClosed = false;
        PeakSockets = Math.Max(PeakSockets, ++OpenSockets);
        // A socket used for one request only keeps write interest: one registration beats a change per request.
        c.WatchesWrites = error != 0 || settings.ClosePerRequest;
        if (epoll.Add(fd, c.WatchesWrites ? WriteInterest : ReadInterest, c.EpollData) != 0)
        {
            Fail(c, ErrorKind.ConnectError, now);
        }
        else if (error == 0)
        {
            sink.Connected(c, now);
        }
        else
        {
            c.State = ConnectionState.Connecting;
            c.Deadline = now + settings.ConnectTimeoutTicks;
        }
    }

    private void FinishConnect(Connection c, uint ready)
    {
        long now = Stopwatch.GetTimestamp();
        if ((ready & Trouble) != 0)
        {
            int error = NativeSocket.PendingError(c.Fd);
            Fail(c, ConnectErrorKind(error == 0 ? ECONNRESET : error), now);
            return;
        }

        if (!settings.ClosePerRequest)
        {
            WatchWrites(c, false);
        }

        sink.Connected(c, now);
    }

    /// <summary>
    /// Queues the request on the connected socket; it goes out at the next <see cref="FlushSends"/>, after the batch
    /// of events being handled — as wrk does, which writes in the loop turn after it read. The server then finds
    /// requests in bursts instead of one per wake-up, which is what lets it keep up with wrk's throughput.
    /// </summary>
    public void Send(Connection c)
    {
        c.Parser.Reset(c.BodyAllowed);
        c.SendOffset = 0;
        c.Deadline = long.MaxValue;
        c.State = ConnectionState.Sending;
        if (!c.SendQueued)
        {
            c.SendQueued = true;
            _sends.Add(c);
        }
    }

    /// <summary>Sends every queued request; the timeout (and, for requests timed from their send, latency) counts from now.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void FlushSends()
    {
        // Sends that fail at once may queue new ones (reconnect); a few passes take those too, without looping forever.
        for (int pass = 0; pass < FlushPasses && _sends.Count > 0; pass++)
        {
            int count = _sends.Count;
            for (int i = 0; i < count; i++)
            {
                var c = _sends[i];
                c.SendQueued = false;
                if (c.State == ConnectionState.Sending && c.Fd >= 0)
                {
                    // One clock read per send: a burst of sends takes tens of microseconds, which would count as latency.
                    long now = Stopwatch.GetTimestamp();
                    c.RequestStart = c.StartsAtSend ? now : c.RequestStart;
                    c.Deadline = now + settings.TimeoutTicks;
                    ContinueSend(c, now);
                }
            }

            _sends.RemoveRange(0, count);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ContinueSend(Connection c, long now)
    {
        byte[] request = c.Request;
        while (c.SendOffset < request.Length)
        {
            nint sent = NativeSocket.Send(c.Fd, request.AsSpan(c.SendOffset));
            if (sent > 0)
            {
                c.SendOffset += (int)sent;
            }
            else if (sent == -EAGAIN)
            {
                WatchWrites(c, true); // the socket buffer is full: EPOLLOUT brings us back
                return;
            }
            else if (sent != -EINTR)
            {
                Fail(c, ErrorKind.ConnectionClosed, now);
                return;
            }
        }

        c.State = ConnectionState.Awaiting;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Receive(Connection c)
    {
        while (true)
        {
            if (c.BufferEnd == c.Buffer.Length && c.BufferStart > 0)
            {
                c.Buffer.AsSpan(c.BufferStart, c.BufferEnd - c.BufferStart).CopyTo(c.Buffer);
                c.BufferEnd -= c.BufferStart;
                c.BufferStart = 0;
            }

            int space = c.Buffer.Length - c.BufferEnd;
            nint n = space == 0 ? 0 : NativeSocket.Receive(c.Fd, c.Buffer.AsSpan(c.BufferEnd));
            if (n > 0)
            {
                c.BufferEnd += (int)n;
                var status = c.Parser.Parse(c.Buffer.AsSpan(c.BufferStart, c.BufferEnd - c.BufferStart), out int consumed);
                c.BufferStart += consumed;
                if (c.BufferStart == c.BufferEnd)
                {
                    c.BufferStart = c.BufferEnd = 0;
                }

                if (status != ResponseParseStatus.NeedMore)
                {
                    long now = Stopwatch.GetTimestamp();
                    if (status == ResponseParseStatus.Complete)
                    {
                        sink.Completed(c, now);
                    }
                    else
                    {
                        Fail(c, ErrorKind.ProtocolError, now);
                    }

                    return;
                }

                if (n < space && !c.PeerClosed)
                {
                    return; // a short read drained the socket; the next bytes raise a new edge
                }
            }
            else if (n == 0)
            {
                long now = Stopwatch.GetTimestamp();
                if (space == 0)
                {
                    Fail(c, ErrorKind.ProtocolError, now); // a head larger than the buffer
                }
                else if (c.Parser.Finish() == ResponseParseStatus.Complete)
                {
                    sink.Completed(c, now);
                }
                else
                {
                    Fail(c, ErrorKind.ConnectionClosed, now);
                }

                return;
            }
            else if (n == -EAGAIN)
            {
                return;
            }
            else if (n != -EINTR)
            {
                Fail(c, ErrorKind.ConnectionClosed, Stopwatch.GetTimestamp());
                return;
            }
        }
    }

    /// <summary>Closes the socket, if any; the slot stays usable for a new one.</summary>
    public void Close(Connection c)
    {
        if (c.Fd >= 0)
        {
            NativeSocket.Close(c.Fd);
            c.Fd = -1;
            OpenSockets--;
        }

        c.BufferStart = c.BufferEnd = 0;
    }

    private void WatchWrites(Connection c, bool watch)
    {
        if (c.WatchesWrites != watch)
        {
            c.WatchesWrites = watch;
            _ = epoll.Modify(c.Fd, watch ? WriteInterest : ReadInterest, c.EpollData);
        }
    }

    private static ErrorKind ConnectErrorKind(int errno) => errno switch
    {
        ECONNREFUSED => ErrorKind.ConnectRefused,
        ETIMEDOUT => ErrorKind.ConnectTimeout,
        _ => ErrorKind.ConnectError,
    };

    private void Fail(Connection c, ErrorKind kind, long now)
    {
        Close(c);
        sink.Failed(c, kind, now);
    }
}
