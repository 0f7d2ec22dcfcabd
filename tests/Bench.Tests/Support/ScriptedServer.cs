using System.Net;
using System.Net.Sockets;

namespace Bench.Tests.Support;

/// <summary>
/// A misbehaving server for error tests: for every connection it reads the request, writes
/// <paramref name="reply"/> bytes exactly, and closes. Stops (and closes its socket) on dispose.
/// </summary>
public sealed class ScriptedServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _serving;

    public ScriptedServer(byte[] reply)
    {
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _serving = ServeAsync(reply, _stop.Token);
    }

    public int Port { get; }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _serving;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // stopped
        }

        _stop.Dispose();
    }

    private async Task ServeAsync(byte[] reply, CancellationToken cancellationToken)
    {
        var buffer = new byte[4096];
        while (!cancellationToken.IsCancellationRequested)
        {
            using var client = await _listener.AcceptSocketAsync(cancellationToken);
            try
            {
                _ = await client.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);
                await client.SendAsync(reply, SocketFlags.None, cancellationToken);
            }
            catch (SocketException)
            {
                // the client went away first: fine for a misbehaving server
            }
        }
    }
}
