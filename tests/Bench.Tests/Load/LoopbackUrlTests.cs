using System.Net;
using Bench.Load;

namespace Bench.Tests.Load;

public sealed class LoopbackUrlTests
{
    [Theory]
    [InlineData("http://127.0.0.1:8080/hello", "127.0.0.1", 8080)]
    [InlineData("http://127.1.2.3:81/", "127.1.2.3", 81)]
    [InlineData("http://localhost:9000/x", "127.0.0.1", 9000)]
    [InlineData("http://LOCALHOST/", "127.0.0.1", 80)]
    [InlineData("http://[::1]:8080/", "::1", 8080)]
    public void Loopback_hosts_resolve_without_a_resolver(string url, string address, int port)
    {
        Assert.True(LoopbackUrl.TryResolve(new Uri(url), out var endpoint, out string error), error);
        Assert.Equal(new IPEndPoint(IPAddress.Parse(address), port), endpoint);
    }

    [Theory]
    [InlineData("http://example.com/")]
    [InlineData("http://10.0.0.1:8080/")]
    [InlineData("http://0.0.0.0:8080/")]
    [InlineData("http://[::ffff:127.0.0.1]:8080/")]
    [InlineData("http://127.0.0.1.nip.io/")]
    [InlineData("http://localhost.example.com/")]
    public void Every_other_host_is_refused_and_named(string url)
    {
        Assert.False(LoopbackUrl.TryResolve(new Uri(url), out _, out string error));
        Assert.Contains("only loopback", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_plain_http_is_loaded()
    {
        Assert.False(LoopbackUrl.TryResolve(new Uri("https://127.0.0.1/"), out _, out string error));
        Assert.Contains("http://", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_test_host_named_in_the_allow_list_is_loaded_and_its_neighbour_is_not()
    {
        Assert.True(AllowedHosts.Parse("10.231.0.11, 10.231.0.12", out var allowed, out string problem), problem);

        Assert.True(LoopbackUrl.TryResolve(new Uri("http://10.231.0.12:8080/hello"), allowed, out var endpoint, out string error), error);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("10.231.0.12"), 8080), endpoint);
        Assert.False(LoopbackUrl.TryResolve(new Uri("http://10.231.0.13:8080/hello"), allowed, out _, out error));
        Assert.Contains("BENCH_ALLOW_HOSTS (10.231.0.11,10.231.0.12)", error, StringComparison.Ordinal);
    }
}
