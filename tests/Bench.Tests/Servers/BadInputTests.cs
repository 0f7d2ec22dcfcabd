using System.Text;
using Bench.Launch.Verification;
using Bench.Tests.Support;

namespace Bench.Tests.Servers;

/// <summary>
/// Bad input on every model: the right status, a close where the contract says so, and the server
/// still answering /hello afterwards.
/// </summary>
public sealed class BadInputTests(ModelServers servers) : IClassFixture<ModelServers>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string> ModelsAndCases()
    {
        var data = new TheoryData<string, string>();
        foreach (string model in Models.All)
        {
            foreach (string name in Cases.Keys)
            {
                data.Add(model, name);
            }
        }

        return data;
    }

    /// <summary>name → (raw request, expected status, must the server close?)</summary>
    private static readonly Dictionary<string, (string Request, int Status, bool Closes)> Cases = new()
    {
        ["unknown path"] = ("GET /nowhere HTTP/1.1\r\nHost: x\r\n\r\n", 404, false),
        ["other method"] = ("DELETE /hello HTTP/1.1\r\nHost: x\r\n\r\n", 405, false),
        ["non-numeric parameter"] = ("GET /io?ms=abc HTTP/1.1\r\nHost: x\r\n\r\n", 400, false),
        ["missing parameter"] = ("GET /cpu HTTP/1.1\r\nHost: x\r\n\r\n", 400, false),
        ["out-of-range parameter"] = ("GET /io?ms=60001 HTTP/1.1\r\nHost: x\r\n\r\n", 400, false),
        ["too many rounds"] = ("GET /cpu?n=10000001 HTTP/1.1\r\nHost: x\r\n\r\n", 400, false),
        ["zero yield"] = ("GET /cpu?n=5&yield=0 HTTP/1.1\r\nHost: x\r\n\r\n", 400, false),
        ["malformed request line"] = ("GARBAGE\r\n\r\n", 400, true),
        ["malformed header"] = ("GET /hello HTTP/1.1\r\nHost x\r\n\r\n", 400, true),
        ["head over 8 KiB"] = ($"GET /hello HTTP/1.1\r\nHost: x\r\nX-Big: {new string('a', 9000)}\r\n\r\n", 431, true),
        ["body over 1 MiB"] = ("GET /hello HTTP/1.1\r\nHost: x\r\nContent-Length: 2000000\r\n\r\n", 413, true),
        ["transfer encoding"] = ("GET /hello HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 501, true),
        ["binary garbage"] = ("\u0001\u0002\u0003\u00ff\u0000 junk\r\n\r\n", 400, true),
    };

    [Theory]
    [MemberData(nameof(ModelsAndCases))]
    public async Task Bad_input_gets_its_status_and_the_server_keeps_serving(string model, string name)
    {
        var (request, status, closes) = Cases[name];
        await using (var probe = await HttpProbe.ConnectAsync(servers.Port(model), Ct))
        {
            await probe.SendAsync(Encoding.Latin1.GetBytes(request), Ct);

            var response = await probe.ReadResponseAsync(Timeout, Ct);

            Assert.Equal(status, response.Status);
            if (closes)
            {
                Assert.True(await probe.IsClosedByServerAsync(Timeout, Ct), "the connection should be closed after the error");
            }
        }

        await AssertStillServingAsync(model);
    }

    [Theory]
    [MemberData(nameof(Models.AllModels), MemberType = typeof(Models))]
    public async Task Bad_parameter_reason_is_one_line(string model)
    {
        var response = await HttpProbe.GetAsync(servers.Port(model), "/io?ms=-5", Timeout, Ct);

        Assert.Equal(400, response.Status);
        Assert.Contains("ms", response.Body, StringComparison.Ordinal);
        Assert.Single(response.Body.TrimEnd('\n').Split('\n'));
    }

    [Theory]
    [MemberData(nameof(Models.AllModels), MemberType = typeof(Models))]
    public async Task An_incomplete_head_is_closed_after_the_header_timeout(string model)
    {
        await using (var probe = await HttpProbe.ConnectAsync(servers.Port(model), Ct))
        {
            await probe.SendAsync("GET /hello HTTP/1.1\r\nHost: x\r\n", Ct); // never finished

            // Servers run with --header-timeout 1.
            Assert.True(await probe.IsClosedByServerAsync(TimeSpan.FromSeconds(8), Ct), "a stalled head must not hold the connection");
        }

        await AssertStillServingAsync(model);
    }

    [Theory]
    [MemberData(nameof(Models.AllModels), MemberType = typeof(Models))]
    public async Task A_client_that_vanishes_mid_request_does_not_hurt_the_server(string model)
    {
        for (int i = 0; i < 5; i++)
        {
            await using var probe = await HttpProbe.ConnectAsync(servers.Port(model), Ct);
            await probe.SendAsync("GET /io?ms=50 HTTP/1.1\r\nHost: x\r\n\r\n", Ct);
        }

        await AssertStillServingAsync(model);
    }

    private async Task AssertStillServingAsync(string model)
    {
        var hello = await HttpProbe.GetAsync(servers.Port(model), "/hello", Timeout, Ct);
        Assert.Equal("Hello, World!", hello.Body);
        Assert.False(servers.Process(model).HasExited);
    }
}
