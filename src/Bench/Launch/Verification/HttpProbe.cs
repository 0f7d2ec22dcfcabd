using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Bench.Launch.Verification;

/// <summary>
/// A deliberately simple raw-socket HTTP/1.1 client for checking the contract: it sends exactly the
/// bytes it is given (malformed ones included) and reads Content-Length-framed responses in order.
/// Not the load engine: clarity over speed. Loopback only, or a test host named in $BENCH_ALLOW_HOSTS (the address of a
/// swarm node a cluster run placed the target on): the same gate as every load.
/// </summary>
public sealed class HttpProbe : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _start;
    private int _end;

    private HttpProbe(Socket socket) => _socket = socket;

    /// <summary>The ways a probe fails against a server that is slow, closed or speaking nonsense: answers, not bugs.</summary>
    public static bool IsProbeFailure(Exception e) => e is TimeoutException or IOException or SocketException or InvalidDataException;

    public static Task<HttpProbe> ConnectAsync(int port, CancellationToken cancellationToken) => ConnectAsync(IPAddress.Loopback, port, cancellationToken);

    /// <summary>Connects to <paramref name="address"/>; one that is neither loopback nor allowed is refused (<see cref="EnsureAllowed"/>).</summary>
    public static async Task<HttpProbe> ConnectAsync(IPAddress address, int port, CancellationToken cancellationToken)
    {
        EnsureAllowed(address);
        var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(new IPEndPoint(address, port), cancellationToken);
            return new HttpProbe(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>One request on a fresh connection: the common case.</summary>
    public static Task<ProbeResponse> GetAsync(int port, string target, TimeSpan timeout, CancellationToken cancellationToken) =>
        GetAsync(IPAddress.Loopback, port, target, timeout, cancellationToken);

    public static async Task<ProbeResponse> GetAsync(IPAddress address, int port, string target, TimeSpan timeout, CancellationToken cancellationToken)
    {
        await using var probe = await ConnectAsync(address, port, cancellationToken);
        await probe.SendAsync($"GET {target} HTTP/1.1\r\nHost: {HostHeader(address)}\r\n\r\n", cancellationToken);
        return await probe.ReadResponseAsync(timeout, cancellationToken);
    }

    /// <summary>The Host header for <paramref name="address"/>: 127.0.0.1 for loopback, as always, else the address itself.</summary>
    public static string HostHeader(IPAddress address) =>
        address.Equals(IPAddress.Loopback) ? "127.0.0.1" : address.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();

    /// <summary>
    /// Throws <see cref="InvalidOperationException"/> (one line) unless <paramref name="address"/> is loopback or a test
    /// host named in $BENCH_ALLOW_HOSTS: a probe is traffic too, and goes only where load may.
    /// </summary>
    public static void EnsureAllowed(IPAddress address) => EnsureAllowed(address, Bench.Load.AllowedHosts.Current);

    public static void EnsureAllowed(IPAddress address, Bench.Load.AllowedHosts allowed)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(allowed);
        if (address.IsIPv4MappedToIPv6 || !(IPAddress.IsLoopback(address) || allowed.Allows(address)))
        {
            throw new InvalidOperationException(
                $"refusing to connect to {address}: only loopback and the test hosts named in ${Bench.Load.AllowedHosts.Variable} may be probed");
        }
    }

    public Task SendAsync(string raw, CancellationToken cancellationToken) => SendAsync(Encoding.Latin1.GetBytes(raw), cancellationToken);

    public async Task SendAsync(ReadOnlyMemory<byte> raw, CancellationToken cancellationToken)
    {
        while (!raw.IsEmpty)
        {
            raw = raw[await _socket.SendAsync(raw, SocketFlags.None, cancellationToken)..];
        }
    }

    /// <summary>Reads one response; throws <see cref="TimeoutException"/> when none arrives in time.</summary>
    public async Task<ProbeResponse> ReadResponseAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            int headEnd;
            while ((headEnd = _buffer.AsSpan(_start, _end - _start).IndexOf("\r\n\r\n"u8)) < 0)
            {
                await FillAsync(limit.Token);
            }

            string head = Encoding.Latin1.GetString(_buffer, _start, headEnd);
            _start += headEnd + 4;
            var lines = head.Split("\r\n");
            var statusParts = lines[0].Split(' ', 3);
            if (statusParts.Length < 2 || !statusParts[0].StartsWith("HTTP/1.", StringComparison.Ordinal) || !int.TryParse(statusParts[1], out int status))
            {
                throw new InvalidDataException($"malformed status line '{lines[0]}'");
            }

            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (string line in lines.Skip(1))
            {
                int colon = line.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0)
                {
                    headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
                }
            }

            int length = headers.TryGetValue("content-length", out string? text) ? int.Parse(text) : 0;
            while (_end - _start < length)
            {
                await FillAsync(limit.Token);
            }

            string body = Encoding.UTF8.GetString(_buffer, _start, length);
            _start += length;
            return new ProbeResponse(status, headers, body);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"no complete response within {timeout.TotalMilliseconds:0} ms");
        }
    }

    /// <summary>True when the server closed the connection (reads end of stream) within the timeout.</summary>
    public async Task<bool> IsClosedByServerAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            while (true)
            {
                int n = await _socket.ReceiveAsync(_buffer.AsMemory(_end), SocketFlags.None, limit.Token);
                if (n == 0)
                {
                    return true;
                }

                _end += n;
            }
        }
        catch (SocketException)
        {
            return true; // reset: closed as well
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    public ValueTask DisposeAsync()
    {
        _socket.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task FillAsync(CancellationToken cancellationToken)
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            throw new InvalidDataException("response larger than the probe's buffer");
        }

        int n = await _socket.ReceiveAsync(_buffer.AsMemory(_end), SocketFlags.None, cancellationToken);
        if (n == 0)
        {
            throw new EndOfStreamException("connection closed before a complete response");
        }

        _end += n;
    }
}
