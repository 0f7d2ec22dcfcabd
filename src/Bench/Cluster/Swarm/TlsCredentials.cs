using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Docker.DotNet;
using Microsoft.Net.Http.Client;

namespace Bench.Cluster.Swarm;

/// <summary>
/// TLS to a tcp:// engine the way the docker CLI does it (<c>DOCKER_TLS_VERIFY</c>, <c>DOCKER_CERT_PATH</c>): the
/// client certificate cert.pem with key.pem, and the engine's certificate checked against ca.pem only — not the
/// machine's store: an engine's CA is its own. Docker.DotNet's own handler carries both; no extra package needed.
/// </summary>
public sealed class TlsCredentials : Credentials
{
    private readonly X509Certificate2 _client;
    private readonly X509Certificate2Collection _authorities;

    public TlsCredentials(X509Certificate2 client, X509Certificate2Collection authorities)
    {
        _client = client;
        _authorities = authorities;
    }

    /// <summary>Reads ca.pem, cert.pem and key.pem from <paramref name="folder"/>; a missing or bad file is a <see cref="ClusterException"/> naming it.</summary>
    public static TlsCredentials FromFolder(string folder)
    {
        string ca = Path.Combine(folder, "ca.pem");
        string cert = Path.Combine(folder, "cert.pem");
        string key = Path.Combine(folder, "key.pem");
        foreach (string file in new[] { ca, cert, key }.Where(f => !File.Exists(f)))
        {
            throw new ClusterException($"TLS to the engine needs {file} (ca.pem, cert.pem and key.pem in $DOCKER_CERT_PATH, else ~/.docker)");
        }

        try
        {
            var authorities = new X509Certificate2Collection();
            authorities.ImportFromPemFile(ca);
            return new TlsCredentials(X509Certificate2.CreateFromPemFile(cert, key), authorities);
        }
        catch (System.Security.Cryptography.CryptographicException e)
        {
            throw new ClusterException($"cannot read the TLS certificates in {folder}: {e.Message}");
        }
    }

    public override bool IsTlsCredentials() => true;

    public override HttpMessageHandler GetHandler(HttpMessageHandler innerHandler)
    {
        if (innerHandler is ManagedHandler managed)
        {
            managed.ClientCertificates = [_client];
            // The name is checked as usual; the chain against ca.pem instead of the machine's store.
            managed.ServerCertificateValidationCallback = (_, certificate, _, errors) =>
                certificate is not null && (errors & SslPolicyErrors.RemoteCertificateNameMismatch) == 0
                && IsSignedBy(X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()), _authorities);
        }

        return innerHandler;
    }

    /// <summary>True when <paramref name="server"/> chains to one of <paramref name="authorities"/> (and to nothing else: a custom root, no system store).</summary>
    public static bool IsSignedBy(X509Certificate2 server, X509Certificate2Collection authorities)
    {
        ArgumentNullException.ThrowIfNull(server);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(server);
    }

    public override void Dispose()
    {
        _client.Dispose();
        foreach (var authority in _authorities)
        {
            authority.Dispose();
        }

        base.Dispose();
    }
}
