using Bench.Cluster.Swarm;

namespace Bench.Tests.Cluster.Swarm;

public sealed class EngineEndpointTests
{
    private const string NoFolder = "/nonexistent-bench-certs";

    [Fact]
    public void A_socket_and_plain_tcp_need_no_credentials()
    {
        Assert.Null(EngineEndpoint.CredentialsFor("unix:///var/run/docker.sock", "1", NoFolder));
        Assert.Null(EngineEndpoint.CredentialsFor("tcp://10.231.0.11:2375", null, NoFolder));
        Assert.Null(EngineEndpoint.CredentialsFor("tcp://10.231.0.11:2375", "0", NoFolder));
    }

    [Fact]
    public void Tls_to_tcp_as_DOCKER_TLS_VERIFY_asks_names_the_missing_certificate()
    {
        var e = Assert.Throws<ClusterException>(() => EngineEndpoint.CredentialsFor("tcp://10.231.0.11:2376", "1", NoFolder));
        Assert.Equal("TLS to the engine needs /nonexistent-bench-certs/ca.pem (ca.pem, cert.pem and key.pem in $DOCKER_CERT_PATH, else ~/.docker)", e.Message);
        Assert.Throws<ClusterException>(() => EngineEndpoint.CredentialsFor("https://10.231.0.11:2376", null, NoFolder));
    }

    [Fact]
    public void Ssh_is_refused_with_the_socket_tunnel_that_replaces_it()
    {
        var e = Assert.Throws<ClusterException>(() => EngineEndpoint.CredentialsFor("ssh://me@node1", null, NoFolder));

        Assert.Equal(
            "'ssh://me@node1': Docker.DotNet cannot reach an engine over ssh; forward its socket (ssh -NL /tmp/node1.sock:/var/run/docker.sock me@node1) and give unix:///tmp/node1.sock",
            e.Message);
    }

    [Fact]
    public void A_tls_mismatch_says_what_to_set_and_anything_else_is_quoted_on_one_line()
    {
        // What Docker.DotNet said to a plain client at a --tlsverify engine, and to a client not trusting its certificate (dockerd 20.10, measured).
        Assert.Equal(
            "the swarm manager engine at tcp://127.0.0.1:23760 speaks TLS: set DOCKER_TLS_VERIFY=1 with the client's ca.pem, cert.pem and key.pem in $DOCKER_CERT_PATH (else ~/.docker), or give https://",
            EngineEndpoint.Explain("tcp://127.0.0.1:23760", "swarm manager", "Docker API responded with status code=BadRequest, response=Client sent an HTTP request to an HTTPS server.\n", "/certs"));
        Assert.Equal(
            "the swarm manager engine at tcp://127.0.0.1:23760 is not trusted: its certificate is not signed by /certs/ca.pem or not made for that address",
            EngineEndpoint.Explain("tcp://127.0.0.1:23760", "swarm manager", "The remote certificate was rejected by the provided RemoteCertificateValidationCallback.", "/certs"));
        Assert.Equal(
            "the node n2 engine at unix:///x.sock does not answer (connection refused and more)",
            EngineEndpoint.Explain("unix:///x.sock", "node n2", "connection refused\nand more\n", "/certs"));
    }

    [Fact]
    public void Anything_else_is_refused_with_the_forms_that_work()
    {
        Assert.Equal("'ftp://x': unknown scheme ftp:// (unix://, tcp:// or https://)", Assert.Throws<ClusterException>(() => EngineEndpoint.CredentialsFor("ftp://x", null, NoFolder)).Message);
        Assert.StartsWith("'node1' is not a Docker endpoint", Assert.Throws<ClusterException>(() => EngineEndpoint.CredentialsFor("node1", null, NoFolder)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_engine_that_does_not_answer_is_one_line_naming_its_role_and_endpoint()
    {
        string socket = Path.Combine(Path.GetTempPath(), $"bench-no-engine-{Guid.NewGuid():N}.sock");

        var e = await Assert.ThrowsAsync<ClusterException>(() => EngineEndpoint.ConnectAsync($"unix://{socket}", "swarm manager", TestContext.Current.CancellationToken));

        Assert.StartsWith($"the swarm manager engine at unix://{socket} does not answer (", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }
}
