using Docker.DotNet;

namespace Bench.Launch.Docker;

/// <summary>
/// The Docker engine Bench talks to through its API (Docker.DotNet, never the docker CLI): $DOCKER_HOST, else the
/// default socket. An engine that does not answer is one clear error, so docker targets can be skipped while the
/// others run.
/// </summary>
public sealed class DockerEngine : IDisposable
{
    public const string DefaultEndpoint = "unix:///var/run/docker.sock";

    private DockerEngine(DockerClient client, string endpoint, string version)
    {
        Client = client;
        Endpoint = endpoint;
        Version = version;
    }

    public DockerClient Client { get; }

    public string Endpoint { get; }

    /// <summary>The engine's own version, as it reports it.</summary>
    public string Version { get; }

    /// <summary>Where the engine is looked for: <paramref name="dockerHost"/> (normally $DOCKER_HOST), else the default socket.</summary>
    public static string EndpointFor(string? dockerHost) => string.IsNullOrWhiteSpace(dockerHost) ? DefaultEndpoint : dockerHost.Trim();

    /// <summary>Connects and asks the engine for its version; throws <see cref="DockerUnavailableException"/> when it does not answer.</summary>
    public static Task<DockerEngine> ConnectAsync(string? dockerHost, TimeSpan timeout, CancellationToken cancellationToken) =>
        ConnectAsync(dockerHost, null, timeout, cancellationToken);

    /// <summary>As above, with <paramref name="credentials"/> (TLS client certificates for a tcp:// engine; null: none).</summary>
    public static async Task<DockerEngine> ConnectAsync(string? dockerHost, Credentials? credentials, TimeSpan timeout, CancellationToken cancellationToken)
    {
        string endpoint = EndpointFor(dockerHost);
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri))
        {
            throw new DockerUnavailableException(endpoint, "not a URI like unix:///var/run/docker.sock");
        }

        var client = new DockerClientConfiguration(uri, credentials, defaultTimeout: timeout).CreateClient();
        try
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(timeout);
            var version = await client.System.GetVersionAsync(limit.Token);
            return new DockerEngine(client, endpoint, version.Version);
        }
        catch (Exception e) when (e is HttpRequestException or DockerApiException or IOException or TimeoutException or System.Net.Sockets.SocketException
            or System.Security.Authentication.AuthenticationException // a TLS engine whose certificate is not trusted
            || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            client.Dispose();
            throw new DockerUnavailableException(endpoint, e.GetBaseException().Message);
        }
    }

    public void Dispose() => Client.Dispose();
}
