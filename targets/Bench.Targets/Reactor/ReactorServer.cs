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

    private ReactorServer(Reactor reactor, Socket listener, ServerContext context, Action<ReactorTransport> serve)
    {
        _reactor = reactor;
        _listener = listener;
        _context = context;
        _serve = serve;
        _released = t => _open.Remove(t);
        _sweepMilliseconds = (int)Math.Clamp(context.Options.HeaderTimeout.TotalMilliseconds / 4, 50, 1000);
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

    /// <summary>The listener is readable: one accept per turn, so a burst of connections cannot starve the served ones.</summary>
    public void OnReady(bool readable, bool writable)
    {
        Socket accepted;
        try
        {
            accepted = _listener.Accept();
        }
        catch (SocketException)
        {
            return; // WouldBlock (another turn took it), or a connection reset before it was accepted
        }

        var transport = new ReactorTransport(_reactor, accepted, _context, _released);
        _open.Add(transport);
        _serve(transport);
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
