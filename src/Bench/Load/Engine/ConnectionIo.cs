using System.Diagnostics;
using Bench.Load.Http;
using Bench.Load.Measurement;
using Bench.Load.Platform;
using static Bench.Load.Platform.LinuxNative;

namespace Bench.Load.Engine;

/// <summary>
/// The socket side of a worker: connect, send the pre-encoded request, read and parse the response, close.
/// Sockets are registered once, edge-triggered, for reading and writing, so a request costs one send, one receive
/// and a share of one epoll wait — no epoll_ctl per request. Outcomes go to <see cref="IConnectionEvents"/>.
/// </summary>
internal sealed class ConnectionIo(RunPlan plan, Epoll epoll, IConnectionEvents sink)
{
    private const uint Interest = EPOLLIN | EPOLLOUT | EPOLLRDHUP | EPOLLET;
    private const uint Trouble = EPOLLERR | EPOLLHUP;

    public int OpenSockets { get; private set; }

    public int PeakSockets { get; private set; }

    /// <summary>Handles one epoll event for <paramref name="c"/>'s current socket.</summary>
    public void OnEvent(Connection c, uint ready)
    {
        bool readable = (ready & (EPOLLIN | EPOLLRDHUP | Trouble)) != 0;
        switch (c.State)
        {
            case ConnectionState.Connecting when (ready & (EPOLLOUT | Trouble)) != 0:
                FinishConnect(c, ready);
                break;
            case ConnectionState.Sending:
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
        int fd = NativeSocket.Connect(plan.Address, out int error);
        if (fd < 0)
        {
            Fail(c, ConnectErrorKind(error), now);
            return;
        }

        c.Fd = fd;
        c.Generation++;
        PeakSockets = Math.Max(PeakSockets, ++OpenSockets);
        if (epoll.Add(fd, Interest, c.EpollData) != 0)
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
            c.Deadline = now + plan.ConnectTimeoutTicks;
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

        sink.Connected(c, now);
    }

    /// <summary>Sends the request on the connected socket; the timeout counts from now.</summary>
    public void Send(Connection c, long now)
    {
        c.Parser.Reset(plan.BodyAllowed);
        c.SendOffset = 0;
        c.Deadline = now + plan.TimeoutTicks;
        c.State = ConnectionState.Sending;
        ContinueSend(c, now);
    }

    private void ContinueSend(Connection c, long now)
    {
        byte[] request = plan.Request;
        while (c.SendOffset < request.Length)
        {
            nint sent = NativeSocket.Send(c.Fd, request.AsSpan(c.SendOffset));
            if (sent > 0)
            {
                c.SendOffset += (int)sent;
            }
            else if (sent == -EAGAIN)
            {
                return; // the socket buffer is full: EPOLLOUT brings us back
            }
            else if (sent != -EINTR)
            {
                Fail(c, ErrorKind.ConnectionClosed, now);
                return;
            }
        }

        c.State = ConnectionState.Awaiting;
    }

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

                if (n < space)
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
