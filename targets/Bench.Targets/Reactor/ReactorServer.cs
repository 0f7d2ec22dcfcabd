using System.Net;
using System.Net.Sockets;
using Bench.Servers.Hosting;
using Bench.Servers.Models;

namespace Bench.Servers.Reactor;

/// <summary>
/// What the three reactor models share: one thread that owns the reactor, the listening socket, every connection's
/// transport and the header-timeout sweep. A model only says how a connection is served (<paramref name="serve"/>
/// starts it on the reactor thread); accepting, timing out and shutting down are the same for all.
/// </summary>
public sealed class ReactorServer : IReadinessHandler
{
    private readonly Reactor _reactor;
    private readonly Socket _listener;
    private readonly ServerContext _context;
    private readonly Action<ReactorTransport> _serve;
    private readonly HashSet<ReactorTransport> _open = [];
    private readonly Action<ReactorTransport> _released;
    private readonly int _sweepMilliseconds;
    private readonly ReactorRedis _redis;

    private const int AcceptsPerTurn = 64;

    private ReactorServer(Reactor reactor, Socket listener, ServerContext context, Action<ReactorTransport> serve)
    {
        _reactor = reactor;
        _listener = listener;
        _context = context;
        _serve = serve;
        _released = t => _open.Remove(t);
        _sweepMilliseconds = (int)Math.Clamp(context.Options.HeaderTimeout.TotalMilliseconds / 4, 50, 1000);
        _redis = new ReactorRedis(reactor, context.Options.RedisPort);
    }

    /// <summary>Serves on a new thread named <paramref name="threadName"/> until <paramref name="cancellationToken"/> is cancelled.</summary>
    public static Task RunAsync(
        string threadName, ServerContext context, IPEndPoint endpoint, Action<IPEndPoint> listening, Action<ReactorTransport> serve, CancellationToken cancellationToken)
    {
        var listener = Listener.Bind(endpoint);
        listener.Blocking = false;
        var reactor = new Reactor(context.Log);
        var server = new ReactorServer(reactor, listener, context, serve);
        var stopping = cancellationToken.Register(reactor.Stop);
        return Listener.RunOnThread(threadName, () =>
        {
            try
            {
                ulong token = reactor.Register((int)listener.Handle, server);
                reactor.Watch((int)listener.Handle, token, readable: true, writable: false);
                reactor.After(server._sweepMilliseconds, static s => ((ReactorServer)s).Sweep(), server);
                listening((IPEndPoint)listener.LocalEndPoint!);
                reactor.Run();
            }
            finally
            {
                stopping.Dispose();
                foreach (var transport in server._open.ToArray())
                {
                    transport.Close(graceful: false);
                }

                listener.Dispose();
                reactor.Dispose();
            }
        });
    }

    /// <summary>
    /// The listener is readable: accept what is waiting, up to <see cref="AcceptsPerTurn"/> — a burst of new connections
    /// (a thousand clients connecting at once) is taken in a few turns, yet cannot starve the connections being served.
    /// </summary>
    public void OnReady(bool readable, bool writable)
    {
        for (int i = 0; i < AcceptsPerTurn; i++)
        {
            int fd = Linux.Accept4((int)_listener.Handle, 0, 0, Linux.SOCK_NONBLOCK | Linux.SOCK_CLOEXEC);
            if (fd < 0)
            {
                return; // EAGAIN: the backlog is empty (or a connection was reset before it was accepted)
            }

            var transport = new ReactorTransport(_reactor, new Socket(new SafeSocketHandle(fd, ownsHandle: true)), _context, _released, _redis);
            _open.Add(transport);
            _serve(transport);
        }
    }

    /// <summary>A connection whose request head is not complete in time is closed, here on the loop like everything else.</summary>
    private void Sweep()
    {
        long now = Environment.TickCount64;
        foreach (var transport in _open.ToArray())
        {
            if (transport.Protocol.HeaderDeadlinePassed(now))
            {
                _context.Log.Write($"closing a connection: request head not complete within {_context.Options.HeaderTimeout.TotalSeconds:0.###} s");
                transport.Close(graceful: false);
            }
        }

        _reactor.After(_sweepMilliseconds, static s => ((ReactorServer)s).Sweep(), this);
    }
}
