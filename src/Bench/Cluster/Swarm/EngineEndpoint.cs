using Bench.Launch.Docker;
using Docker.DotNet;

namespace Bench.Cluster.Swarm;

/// <summary>
/// A swarm engine's endpoint as Docker.DotNet takes it: unix:///path, tcp://host:port (TLS when $DOCKER_TLS_VERIFY is
/// set, as with the docker CLI) or https://host:port (always TLS), certificates from $DOCKER_CERT_PATH (else ~/.docker).
/// Docker.DotNet has no ssh transport: an ssh:// endpoint is refused with the tunnel that replaces it.
/// </summary>
public static class EngineEndpoint
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>Connects to <paramref name="endpoint"/>; an endpoint Bench cannot use or an engine that does not answer is a <see cref="ClusterException"/>.</summary>
    public static async Task<DockerEngine> ConnectAsync(string endpoint, string role, CancellationToken cancellationToken)
    {
        var credentials = CredentialsFor(endpoint, Environment.GetEnvironmentVariable("DOCKER_TLS_VERIFY"), CertificateFolder());
        try
        {
            return await DockerEngine.ConnectAsync(endpoint, credentials, Timeout, cancellationToken);
        }
        catch (DockerUnavailableException e)
        {
            credentials?.Dispose();
            throw new ClusterException(Explain(endpoint, role, e.Detail, CertificateFolder()));
        }
    }

    /// <summary>Why the engine at <paramref name="endpoint"/> could not be used, in one line; TLS mismatches say what to set.</summary>
    public static string Explain(string endpoint, string role, string detail, string certificateFolder)
    {
        ArgumentNullException.ThrowIfNull(detail);
        if (detail.Contains("HTTP request to an HTTPS server", StringComparison.OrdinalIgnoreCase))
        {
            return $"the {role} engine at {endpoint} speaks TLS: set DOCKER_TLS_VERIFY=1 with the client's ca.pem, cert.pem and key.pem in $DOCKER_CERT_PATH (else ~/.docker), or give https://";
        }

        if (detail.Contains("RemoteCertificateValidationCallback", StringComparison.Ordinal))
        {
            return $"the {role} engine at {endpoint} is not trusted: its certificate is not signed by {Path.Combine(certificateFolder, "ca.pem")} or not made for that address";
        }

        return $"the {role} engine at {endpoint} does not answer ({detail.Trim().ReplaceLineEndings(" ")})";
    }

    /// <summary>
    /// Null for a plain connection; TLS credentials for https://, and for tcp:// when <paramref name="tlsVerify"/> ($DOCKER_TLS_VERIFY) is set and not 0.
    /// </summary>
    public static Credentials? CredentialsFor(string endpoint, string? tlsVerify, string certificateFolder)
    {
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri))
        {
            throw new ClusterException($"'{endpoint}' is not a Docker endpoint: give unix:///var/run/docker.sock, tcp://host:2376 or https://host:2376");
        }

        bool tls = uri.Scheme switch
        {
            "unix" => false,
            "tcp" => !string.IsNullOrEmpty(tlsVerify) && tlsVerify != "0",
            "https" => true,
            "http" => false,
            "ssh" => throw new ClusterException(
                $"'{endpoint}': Docker.DotNet cannot reach an engine over ssh; forward its socket (ssh -NL /tmp/{uri.Host}.sock:/var/run/docker.sock {SshDestination(uri)})"
                + $" and give unix:///tmp/{uri.Host}.sock"),
            _ => throw new ClusterException($"'{endpoint}': unknown scheme {uri.Scheme}:// (unix://, tcp:// or https://)"),
        };
        return tls ? TlsCredentials.FromFolder(certificateFolder) : null;
    }

    /// <summary>$DOCKER_CERT_PATH, else ~/.docker, as the docker CLI looks.</summary>
    public static string CertificateFolder() =>
        Environment.GetEnvironmentVariable("DOCKER_CERT_PATH") is { Length: > 0 } path
            ? path
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".docker");

    private static string SshDestination(Uri uri) =>
        (uri.UserInfo.Length > 0 ? $"{uri.UserInfo}@" : "") + uri.Host + (uri.IsDefaultPort || uri.Port < 0 ? "" : $" -p {uri.Port}");
}
