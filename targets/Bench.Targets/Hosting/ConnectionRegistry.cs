using System.Collections.Concurrent;
using System.Net.Sockets;
using Bench.Servers.Http;
using Bench.Servers.Workload;

namespace Bench.Servers.Hosting;

/// <summary>
/// The open connections of a server, and one watchdog for all of them: a connection whose request
/// head is not complete within the header timeout has its socket closed, which wakes whatever is
/// waiting on it in any model (a blocked Receive, an awaited ReceiveAsync, a pending callback).
/// One timer instead of one per request keeps the hot path free of timer work.
/// </summary>
public sealed class ConnectionRegistry : IDisposable
{
    private readonly ConcurrentDictionary<ConnectionProtocol, Socket> _open = new();

    // Connections whose owner enforces the header timeout itself (a reactor, on its own thread): the watchdog's
    // close from another thread would pull a socket from under it.
    private readonly ConcurrentDictionary<ConnectionProtocol, byte> _selfWatched = new();
    private readonly ServerStats _stats;
    private readonly TimeSpan _headerTimeout;
    private readonly ErrorLog _log;
    private readonly ITimer _watchdog;

    public ConnectionRegistry(ServerStats stats, TimeSpan headerTimeout, ErrorLog log, TimeProvider time)
    {
        _stats = stats;
        _headerTimeout = headerTimeout;
        _log = log;
        var period = TimeSpan.FromMilliseconds(Math.Clamp(headerTimeout.TotalMilliseconds / 4, 50, 1000));
        _watchdog = time.CreateTimer(_ => CloseExpired(), null, period, period);
    }

    public int Count => _open.Count;

    public ConnectionProtocol Open(Socket socket, bool watched = true)
    {
        socket.NoDelay = true;
        var protocol = new ConnectionProtocol(_stats, _headerTimeout);
        _open[protocol] = socket;
        if (!watched)
        {
            _selfWatched[protocol] = 0;
        }

        _stats.ConnectionOpened();
        return protocol;
    }

    /// <summary>Called by the connection's owner once nothing uses its buffers any more.</summary>
    public void Close(ConnectionProtocol protocol)
    {
        if (_open.TryRemove(protocol, out var socket))
        {
            _selfWatched.TryRemove(protocol, out _);
            _stats.ConnectionClosed();
            socket.Dispose();
            protocol.Dispose();
        }
    }

    public void Dispose()
    {
        _watchdog.Dispose();
        foreach (var socket in _open.Values)
        {
            socket.Dispose();
        }
    }

    private void CloseExpired()
    {
        long now = Environment.TickCount64;
        foreach (var (protocol, socket) in _open)
        {
            if (protocol.HeaderDeadlinePassed(now) && !_selfWatched.ContainsKey(protocol))
            {
                _log.Write($"closing connection from {SafeRemote(socket)}: request head not complete within {_headerTimeout.TotalSeconds:0.###} s");

                // Only the socket: the owner still holds the protocol's buffer and releases it itself.
                socket.Dispose();
            }
        }
    }

    private static string SafeRemote(Socket socket)
    {
        try
        {
            return socket.RemoteEndPoint?.ToString() ?? "?";
        }
        catch (ObjectDisposedException)
        {
            return "?";
        }
    }
}
