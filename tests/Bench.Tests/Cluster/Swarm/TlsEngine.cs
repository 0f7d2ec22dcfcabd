using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Bench.Tests.Cluster.Swarm;

/// <summary>
/// A stand-in for a TLS Docker engine on loopback: it demands a client certificate and answers every request with a
/// version document, as GET /version would.
/// </summary>
internal sealed class TlsEngine : IAsyncDisposable
{
    public const string Version = "99.0-tls-test";

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly X509Certificate2 _certificate;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _serving;

    public TlsEngine(X509Certificate2 certificate)
    {
        _certificate = certificate;
        _listener.Start();
        _serving = ServeAsync(_stop.Token);
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _serving;
        _stop.Dispose();
    }

    private async Task ServeAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                using var client = await _listener.AcceptTcpClientAsync(cancellationToken);
                await using var tls = new SslStream(client.GetStream(), false, (_, certificate, _, _) => certificate is not null); // any client certificate: the engine side is not under test
                await tls.AuthenticateAsServerAsync(
                    new SslServerAuthenticationOptions { ServerCertificate = _certificate, ClientCertificateRequired = true }, cancellationToken);
                var head = new StringBuilder();
                var buffer = new byte[4096];
                while (!head.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
                {
                    int n = await tls.ReadAsync(buffer, cancellationToken);
                    if (n == 0)
                    {
                        break;
                    }

                    head.Append(Encoding.ASCII.GetString(buffer, 0, n));
                }
                string body = $"{{\"Version\":\"{Version}\",\"ApiVersion\":\"1.41\"}}";
                await tls.WriteAsync(Encoding.ASCII.GetBytes(
                    $"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n{body}"), cancellationToken);
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or System.Security.Authentication.AuthenticationException or ObjectDisposedException)
            {
                // A refused handshake (the test's point, sometimes) or the end of the test.
            }
        }
    }
}
