using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Bench.Sdk.Tests.Support;

/// <summary>
/// A keep-alive HTTP/1.1 server for Http.Send's tests: on every connection, for every request head it reads, it
/// answers <paramref name="status"/> with <paramref name="body"/> — or never answers (<paramref name="silent"/>). Counts
/// the connections it accepted, those still open (until the client closes them) and the requests it read. Closes
/// everything on dispose.
/// </summary>
public sealed class KeepAliveServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _connections = [];
    private readonly Task _accepting;
    private readonly byte[] _reply;
    private readonly bool _silent;
    private int _accepted;
    private int _open;
    private int _requests;

    public KeepAliveServer(int status = 200, string body = "Hello, World!", bool silent = false)
    {
        _reply = Encoding.ASCII.GetBytes($"HTTP/1.1 {status} X\r\nContent-Length: {body.Length}\r\nContent-Type: text/plain\r\n\r\n{body}");
        _silent = silent;
        _listener.Start();
        Url = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");
        _accepting = AcceptAsync(_stop.Token);
    }

    public Uri Url { get; }

    public int Accepted => Volatile.Read(ref _accepted);

    /// <summary>Connections accepted and not yet closed by the client (or the server's end).</summary>
    public int Open => Volatile.Read(ref _open);

    public int Requests => Volatile.Read(ref _requests);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        Task[] all;
        lock (_connections)
        {
            all = [_accepting, .. _connections];
        }

        try
        {
            await Task.WhenAll(all);
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // stopped
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var client = await _listener.AcceptSocketAsync(cancellationToken);
            Interlocked.Increment(ref _accepted);
            Interlocked.Increment(ref _open);
            lock (_connections)
            {
                _connections.Add(ServeAsync(client, cancellationToken));
            }
        }
    }

    private async Task ServeAsync(Socket client, CancellationToken cancellationToken)
    {
        using var _ = client;
        var buffer = new byte[8192];
        int filled = 0;
        try
        {
            while (true)
            {
                int n = await client.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None, cancellationToken);
                if (n == 0)
                {
                    return;
                }

                filled += n;
                int end;
                while ((end = buffer.AsSpan(0, filled).IndexOf("\r\n\r\n"u8)) >= 0)
                {
                    Interlocked.Increment(ref _requests);
                    buffer.AsSpan(end + 4, filled - end - 4).CopyTo(buffer);
                    filled -= end + 4;
                    if (!_silent)
                    {
                        await client.SendAsync(_reply, SocketFlags.None, cancellationToken);
                    }
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException)
        {
            // the client or the test went away
        }
        finally
        {
            Interlocked.Decrement(ref _open);
        }
    }
}
