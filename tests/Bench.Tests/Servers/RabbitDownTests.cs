using System.Net;
using System.Net.Sockets;
using Bench.Launch.Verification;
using Bench.Tests.Support;

namespace Bench.Tests.Servers;

/// <summary>
/// /rpc without a broker: a broker that is down is a 503 with one line and the target keeps serving; none configured is a
/// 503 saying so; the reactor and selectors-loop styles, which have no non-blocking AMQP client, answer 501 at once.
/// </summary>
public sealed class RabbitDownTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<ProbeResponse> GetAsync(int port, string path) => HttpProbe.GetAsync(port, path, Timeout, Ct);

    [Theory]
    [InlineData("sync")]
    [InlineData("threads")]
    [InlineData("pool")]
    [InlineData("async")]
    [InlineData("kestrel")]
    [InlineData("py-sync")]
    [InlineData("py-threads")]
    [InlineData("py-asyncio-streams")]
    [InlineData("py-asyncio-protocol")]
    public async Task Given_the_broker_is_down_then_rpc_answers_503_with_one_line_and_the_target_keeps_serving(string model)
    {
        await using var server = await RunningTarget.StartAsync(model, "--rabbitmq", ClosedPort().ToString());

        for (int i = 0; i < 2; i++)
        {
            var response = await GetAsync(server.Port, "/rpc?n=1");
            Assert.Equal(503, response.Status);
            Assert.StartsWith("rabbitmq: ", response.Body, StringComparison.Ordinal);
            Assert.Equal(1, response.Body.Count(c => c == '\n'));
        }

        Assert.Equal("Hello, World!", (await GetAsync(server.Port, "/hello")).Body);
    }

    [Theory]
    [InlineData("sync")]
    [InlineData("async")]
    [InlineData("kestrel")]
    public async Task Given_no_broker_port_then_rpc_answers_503_saying_so(string model)
    {
        await using var server = await RunningTarget.StartAsync(model);

        var response = await GetAsync(server.Port, "/rpc?n=1");

        Assert.Equal((503, "rabbitmq: not configured (start the target with --rabbitmq <port>)\n"), (response.Status, response.Body));
    }

    [Theory]
    [InlineData("eventloop")]
    [InlineData("callbacks")]
    [InlineData("generators")]
    [InlineData("py-callbacks")]
    [InlineData("py-generators")]
    public async Task Given_a_one_loop_style_then_rpc_answers_501_at_once_and_the_loop_keeps_serving(string model)
    {
        await using var server = await RunningTarget.StartAsync(model, "--rabbitmq", ClosedPort().ToString());

        var response = await GetAsync(server.Port, "/rpc?n=1");

        Assert.Equal(501, response.Status);
        Assert.StartsWith("rpc: not on this model", response.Body, StringComparison.Ordinal);
        Assert.Equal("Hello, World!", (await GetAsync(server.Port, "/hello")).Body);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
