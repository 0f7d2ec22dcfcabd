using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Bench.Cluster.Swarm;

namespace Bench.Tests.Cluster.Swarm;

public sealed class TlsCredentialsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("bench-tls-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static X509Certificate2 Authority(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
    }

    private static X509Certificate2 Signed(X509Certificate2 authority, string name, out ECDsa key)
    {
        key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        return request.Create(authority, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddHours(1), RandomNumberGenerator.GetBytes(8));
    }

    /// <summary>A certificate with its private key, as a TLS server needs it.</summary>
    private static X509Certificate2 ServerCertificate(X509Certificate2 authority)
    {
        using var signed = Signed(authority, "127.0.0.1", out var key);
        using (key)
        {
            using var withKey = signed.CopyWithPrivateKey(key);
            return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
        }
    }

    private TlsCredentials WriteClientFiles(X509Certificate2 ca, out string thumbprint)
    {
        using var client = Signed(ca, "bench", out var clientKey);
        File.WriteAllText(Path.Combine(_folder, "ca.pem"), ca.ExportCertificatePem());
        File.WriteAllText(Path.Combine(_folder, "cert.pem"), client.ExportCertificatePem());
        File.WriteAllText(Path.Combine(_folder, "key.pem"), clientKey.ExportPkcs8PrivateKeyPem());
        clientKey.Dispose();
        thumbprint = client.Thumbprint;
        return TlsCredentials.FromFolder(_folder);
    }

    [Fact]
    public async Task An_engine_whose_certificate_another_ca_signed_is_not_trusted()
    {
        using var ca = Authority("engine ca");
        using var impostor = Authority("impostor ca");
        using var serverCertificate = ServerCertificate(impostor);
        await using var engine = new TlsEngine(serverCertificate);
        var credentials = WriteClientFiles(ca, out _);

        await Assert.ThrowsAsync<Bench.Launch.Docker.DockerUnavailableException>(() => Bench.Launch.Docker.DockerEngine.ConnectAsync(
            $"https://127.0.0.1:{engine.Port}", credentials, TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken));
    }

    [Fact]
    public void An_engines_certificate_is_trusted_only_when_it_chains_to_the_given_ca()
    {
        using var ca = Authority("engine ca");
        using var other = Authority("someone else");
        using var server = Signed(ca, "node1", out var serverKey);
        using var stranger = Signed(other, "node1", out var strangerKey);
        serverKey.Dispose();
        strangerKey.Dispose();

        Assert.True(TlsCredentials.IsSignedBy(server, [ca]));
        Assert.False(TlsCredentials.IsSignedBy(stranger, [ca]));
    }

    [Fact]
    public void The_docker_cli_files_are_read_from_the_certificate_folder()
    {
        using var ca = Authority("engine ca");
        using var client = Signed(ca, "bench", out var clientKey);
        File.WriteAllText(Path.Combine(_folder, "ca.pem"), ca.ExportCertificatePem());
        File.WriteAllText(Path.Combine(_folder, "cert.pem"), client.ExportCertificatePem());
        File.WriteAllText(Path.Combine(_folder, "key.pem"), clientKey.ExportPkcs8PrivateKeyPem());
        clientKey.Dispose();

        using var credentials = TlsCredentials.FromFolder(_folder);

        Assert.True(credentials.IsTlsCredentials());
        using var handler = new Microsoft.Net.Http.Client.ManagedHandler();
        Assert.Same(handler, credentials.GetHandler(handler));
        Assert.Equal(client.Thumbprint, Assert.IsType<X509Certificate2>(Assert.Single(handler.ClientCertificates)).Thumbprint);
        Assert.NotNull(handler.ServerCertificateValidationCallback);
    }

    [Fact]
    public void A_certificate_file_that_is_not_pem_is_one_line_naming_the_folder()
    {
        foreach (string name in new[] { "ca.pem", "cert.pem", "key.pem" })
        {
            File.WriteAllText(Path.Combine(_folder, name), "not a certificate");
        }

        var e = Assert.Throws<ClusterException>(() => TlsCredentials.FromFolder(_folder));

        Assert.StartsWith($"cannot read the TLS certificates in {_folder}: ", e.Message, StringComparison.Ordinal);
    }
}
