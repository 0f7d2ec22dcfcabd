using System.Net;
using Bench.Launch.Verification;
using Bench.Load;

namespace Bench.Tests.Launch.Verification;

public sealed class HttpProbeAddressTests
{
    [Fact]
    public void Loopback_and_named_test_hosts_may_be_probed_any_other_address_is_refused()
    {
        Assert.True(AllowedHosts.Parse("10.231.0.11", out var allowed, out string error), error);

        HttpProbe.EnsureAllowed(IPAddress.Loopback, AllowedHosts.None);
        HttpProbe.EnsureAllowed(IPAddress.Parse("127.0.0.2"), AllowedHosts.None);
        HttpProbe.EnsureAllowed(IPAddress.Parse("10.231.0.11"), allowed);
        var e = Assert.Throws<InvalidOperationException>(() => HttpProbe.EnsureAllowed(IPAddress.Parse("10.231.0.12"), allowed));
        Assert.Equal("refusing to connect to 10.231.0.12: only loopback and the test hosts named in $BENCH_ALLOW_HOSTS may be probed", e.Message);
    }

    [Fact]
    public async Task A_refused_address_fails_verification_before_any_request()
    {
        // 192.0.2.1 (TEST-NET-1) is never anyone's: were it probed, the connect would hang, not throw at once.
        var verifier = new ContractVerifier(TimeSpan.FromSeconds(1));

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            verifier.VerifyAsync(IPAddress.Parse("192.0.2.1"), 80, [], new Dictionary<string, Bench.Launch.Differences.ContractDifference>(), TestContext.Current.CancellationToken));
    }

    [Fact]
    public void The_host_header_is_127_0_0_1_on_loopback_as_before_else_the_address()
    {
        Assert.Equal("127.0.0.1", HttpProbe.HostHeader(IPAddress.Loopback));
        Assert.Equal("10.231.0.11", HttpProbe.HostHeader(IPAddress.Parse("10.231.0.11")));
        Assert.Equal("[::1]", HttpProbe.HostHeader(IPAddress.IPv6Loopback));
    }
}
