using System.Net;
using System.Net.Sockets;
using Bench.Servers.Http;
using Bench.Servers.Redis;

namespace Bench.Servers.Reactor;

/// <summary>
/// One non-blocking connection to Redis on the reactor: connect (waiting for writable), send a command (waiting for
/// room), wait readable, parse the reply (<see cref="Resp"/>), hand the answer over. A failure at any step (Redis down,
/// the connection reset) answers 503 and breaks the connection, so the next request opens a new one.
/// </summary>
public sealed class ReactorRedisConnection : IReadinessHandler, IDisposable
{
    private readonly Reactor _reactor;
    private readonly Socket _socket;
    private readonly int _fd;
    private readonly Action<ReactorRedisConnection> _returned;
    private ulong _token;
    private bool _connecting;
    private byte[] _command = [];
    private int _sent;
    private byte[] _input = new byte[512];
    private int _received;
    private IRedisReplyHandler? _handler;
    private string? _broken;

    public ReactorRedisConnection(Reactor reactor, int port, Action<ReactorRedisConnection> returned)
    {
        _reactor = reactor;
        _returned = returned;
        _socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { Blocking = false, NoDelay = true };
        _fd = (int)_socket.Handle;
        _token = reactor.Register(_fd, this);
        try
        {
            _socket.Connect(new IPEndPoint(IPAddress.Loopback, port));
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.WouldBlock or SocketError.InProgress)
        {
            _connecting = true;
        }
        catch (SocketException e)
        {
            Break($"cannot connect to 127.0.0.1:{port}: {e.Message}");
        }
    }

    public bool IsBroken { get; private set; }

    /// <summary>Sends <paramref name="command"/>; <paramref name="handler"/> gets the answer on a later turn.</summary>
    public void Send(byte[] command, IRedisReplyHandler handler)
    {
        _handler = handler;
        _command = command;
        _sent = 0;
        _received = 0;
        if (IsBroken)
        {
            Answer(RedisReplies.Unavailable(_broken!));
        }
        else if (_connecting)
        {
            _reactor.Watch(_fd, _token, readable: false, writable: true);
        }
        else
        {
            SendSome();
        }
    }

    public void OnReady(bool readable, bool writable)
    {
        if (_handler is null)
        {
            // Readiness with nobody waiting: Redis closed an idle connection. Dropped; the next request opens another.
            Break("closed by Redis");
            return;
        }

        if (_connecting)
        {
            _connecting = false;
            if (_socket.GetSocketOption(SocketOptionLevel.Socket, SocketOptionName.Error) is int error and not 0)
            {
                Fail($"cannot connect: {new SocketException(error).Message}");
                return;
            }

            SendSome();
        }
        else if (_sent < _command.Length)
        {
            SendSome();
        }
        else
        {
            ReceiveSome();
        }
    }

    private void SendSome()
    {
        while (_sent < _command.Length)
        {
            int n = _socket.Send(_command, _sent, _command.Length - _sent, SocketFlags.None, out var error);
            if (error == SocketError.WouldBlock)
            {
                _reactor.Watch(_fd, _token, readable: false, writable: true);
                return;
            }

            if (error != SocketError.Success)
            {
                Fail($"send failed: {error}");
                return;
            }

            _sent += n;
        }

        _reactor.Watch(_fd, _token, readable: true, writable: false);
    }

    private void ReceiveSome()
    {
        while (true)
        {
            if (_received == _input.Length)
            {
                Array.Resize(ref _input, _input.Length * 2);
            }

            int n = _socket.Receive(_input, _received, _input.Length - _received, SocketFlags.None, out var error);
            if (error == SocketError.WouldBlock)
            {
                return; // still watched for readable
            }

            if (error != SocketError.Success || n == 0)
            {
                Fail(n == 0 ? "connection closed by Redis" : $"receive failed: {error}");
                return;
            }

            _received += n;
            if (Resp.TryParse(_input.AsSpan(0, _received), out var answer, out _))
            {
                // Idle between requests: watched for nothing, so only a hang-up is reported (and breaks it).
                _reactor.Watch(_fd, _token, readable: false, writable: false);
                Answer(answer);
                return;
            }
        }
    }

    /// <summary>Closes the socket; an idle connection's only way out besides Redis closing it.</summary>
    public void Dispose() => Break("closed");

    private void Fail(string reason)
    {
        Break(reason);
        Answer(RedisReplies.Unavailable(reason));
    }

    private void Break(string reason)
    {
        if (IsBroken)
        {
            return;
        }

        IsBroken = true;
        _broken = reason;
        _reactor.Forget(_fd, _token);
        _token = 0;
        _socket.Dispose();
    }

    /// <summary>On a later turn, never inside the caller's own call: each style resumes the way it resumes from any wait.</summary>
    private void Answer(Response answer)
    {
        var handler = _handler!;
        _handler = null;
        _returned(this);
        _reactor.Soon(static s => { var (h, a) = ((IRedisReplyHandler, Response))s; h.OnRedisReply(a); }, (handler, answer));
    }
}
