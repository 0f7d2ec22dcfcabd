using System.Net;
using Bench.Load;

namespace Bench.Tests.Load;

public sealed class AllowedHostsTests
{
    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("  ")]
    public void No_list_allows_nothing_but_loopback(string? text)
    {
        Assert.True(AllowedHosts.Parse(text, out var hosts, out _));
        Assert.Empty(hosts.Addresses);
        Assert.False(hosts.Allows(IPAddress.Parse("10.0.0.1")));
    }

    [Theory]
    [InlineData("10.231.0.11", "10.231.0.11")]
    [InlineData("172.16.5.1,192.168.1.9", "172.16.5.1")]
    [InlineData("172.31.255.254", "172.31.255.254")]
    public void Private_addresses_named_one_by_one_are_allowed(string text, string address)
    {
        Assert.True(AllowedHosts.Parse(text, out var hosts, out string error), error);
        Assert.True(hosts.Allows(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("8.8.8.8", "not a private address")]
    [InlineData("172.32.0.1", "not a private address")]
    [InlineData("10.0.0.0/8", "not an IPv4 address")]
    [InlineData("10.1", "not an IPv4 address")]
    [InlineData("fd00::1", "not an IPv4 address")]
    [InlineData("host.example", "not an IPv4 address")]
    public void Public_addresses_ranges_and_names_are_refused_with_the_reason(string text, string reason)
    {
        Assert.False(AllowedHosts.Parse(text, out var hosts, out string error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
        Assert.Contains("BENCH_ALLOW_HOSTS", error, StringComparison.Ordinal);
        Assert.Empty(hosts.Addresses);
    }
}
