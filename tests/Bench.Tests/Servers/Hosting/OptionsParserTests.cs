using System.Net;
using Bench.Servers.Hosting;
using Bench.Tests.Support;

namespace Bench.Tests.Servers.Hosting;

public sealed class OptionsParserTests
{
    [Fact]
    public void A_target_listens_on_loopback_unless_an_address_is_given()
    {
        Assert.True(OptionsParser.TryParse(["--model", "async"], out var options, out string error), error);
        Assert.Equal(IPAddress.Loopback, options.Address);

        Assert.True(OptionsParser.TryParse(["--model", "async", "--address", "10.231.0.11"], out options, out error), error);
        Assert.Equal(IPAddress.Parse("10.231.0.11"), options.Address);
    }

    [Fact]
    public void An_address_that_is_not_one_is_refused_by_name()
    {
        Assert.False(OptionsParser.TryParse(["--model", "async", "--address", "node-1"], out _, out string error));

        Assert.Equal("invalid value 'node-1' for --address", error);
    }

    [Fact]
    public async Task A_target_given_another_loopback_address_listens_there_and_announces_it()
    {
        await using var target = await RunningTarget.StartAsync("async", "--address", "127.0.0.2");

        using var client = new System.Net.Sockets.TcpClient();
        await client.ConnectAsync(IPAddress.Parse("127.0.0.2"), target.Port, TestContext.Current.CancellationToken);
        using var refused = new System.Net.Sockets.TcpClient();
        await Assert.ThrowsAnyAsync<System.Net.Sockets.SocketException>(() => refused.ConnectAsync(IPAddress.Loopback, target.Port, TestContext.Current.CancellationToken).AsTask());
    }
}
