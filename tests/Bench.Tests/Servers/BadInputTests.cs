using System.Text;
using Bench.Launch.Differences;
using Bench.Launch.Verification;
using Bench.Tests.Support;

namespace Bench.Tests.Servers;

/// <summary>
/// Bad input on every process entry of the catalogue that serves what the case asks for: the right status, a close
/// where the contract says so, and the server still answering /hello afterwards. Where the catalogue records that an
/// entry answers a case its own way (<c>differences</c>), the test holds it to what is recorded instead.
/// </summary>
public sealed class BadInputTests(ModelServers servers) : IClassFixture<ModelServers>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>name (a <see cref="ContractChecks.BadInput"/> check) → (raw request, the endpoints it needs, expected status, must the server close?)</summary>
    private static readonly Dictionary<string, (string Request, string[] Uses, int Status, bool Closes)> Cases = new()
    {
        ["unknown path"] = ("GET /nowhere HTTP/1.1\r\nHost: x\r\n\r\n", [], 404, false),
        ["other method"] = ("DELETE /hello HTTP/1.1\r\nHost: x\r\n\r\n", ["/hello"], 405, false),
        ["non-numeric parameter"] = ("GET /io?ms=abc HTTP/1.1\r\nHost: x\r\n\r\n", ["/io"], 400, false),
        ["missing parameter"] = ("GET /cpu HTTP/1.1\r\nHost: x\r\n\r\n", ["/cpu"], 400, false),
        ["out-of-range parameter"] = ("GET /io?ms=60001 HTTP/1.1\r\nHost: x\r\n\r\n", ["/io"], 400, false),
        ["too many rounds"] = ("GET /cpu?n=10000001 HTTP/1.1\r\nHost: x\r\n\r\n", ["/cpu"], 400, false),
        ["zero yield"] = ("GET /cpu?n=5&yield=0 HTTP/1.1\r\nHost: x\r\n\r\n", ["/cpu"], 400, false),
        ["malformed request line"] = ("GARBAGE\r\n\r\n", [], 400, true),
        ["malformed header"] = ("GET /hello HTTP/1.1\r\nHost x\r\n\r\n", ["/hello"], 400, true),
        ["head over 8 KiB"] = ($"GET /hello HTTP/1.1\r\nHost: x\r\nX-Big: {new string('a', 9000)}\r\n\r\n", ["/hello"], 431, true),
        ["body over 1 MiB"] = ("GET /hello HTTP/1.1\r\nHost: x\r\nContent-Length: 2000000\r\n\r\n", ["/hello"], 413, true),
        ["transfer encoding"] = ("GET /hello HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", ["/hello"], 501, true),
        ["binary garbage"] = ("\u0001\u0002\u0003\u00ff\u0000 junk\r\n\r\n", [], 400, true),
    };

    public static IEnumerable<string> CaseNames => Cases.Keys;

    /// <summary>Each case for each entry serving its endpoints (and /hello, which shows the server still serving).</summary>
    public static TheoryData<string, string> ModelsAndCases()
    {
        var data = new TheoryData<string, string>();
        foreach (string model in Models.All)
        {
            foreach (string name in Cases.Where(c => Models.Supports(model, [.. c.Value.Uses, "/hello"])).Select(c => c.Key))
            {
                data.Add(model, name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ModelsAndCases))]
    public async Task Bad_input_gets_its_status_and_the_server_keeps_serving(string model, string name)
    {
        var (request, _, status, closes) = Cases[name];
        var recorded = Models.Recorded(model, name);
        await using (var probe = await HttpProbe.ConnectAsync(servers.Port(model), Ct))
        {
            await probe.SendAsync(Encoding.Latin1.GetBytes(request), Ct);

            if (recorded?.Status is ContractDifference.NoStatusLine)
            {
                // Recorded as answered without an HTTP status line (an HTTP/0.9-style page): nothing parses as a response.
                var error = await Assert.ThrowsAnyAsync<Exception>(() => probe.ReadResponseAsync(Timeout, Ct));
                Assert.True(error is InvalidDataException or EndOfStreamException, $"expected no status line, got {error.GetType().Name}: {error.Message}");
            }
            else
            {
                var response = await probe.ReadResponseAsync(Timeout, Ct);
                Assert.Equal(recorded?.Status ?? status, response.Status);
            }

            if (recorded?.Closes is false)
            {
                Assert.False(await probe.IsClosedByServerAsync(Connections.KeptOpen, Ct), "recorded as keeping the connection, but it closed");
            }
            else if (recorded?.Closes ?? closes)
            {
                Assert.True(await probe.IsClosedByServerAsync(Timeout, Ct), "the connection should be closed after the error");
            }
        }

        await AssertStillServingAsync(model);
    }

    [Theory]
    [MemberData(nameof(Models.Serving), "/io,/hello", MemberType = typeof(Models))]
    public async Task Bad_parameter_reason_is_one_line(string model)
    {
        var response = await HttpProbe.GetAsync(servers.Port(model), "/io?ms=-5", Timeout, Ct);

        Assert.Equal(400, response.Status);
        Assert.Contains("ms", response.Body, StringComparison.Ordinal);
        Assert.Single(response.Body.TrimEnd('\n').Split('\n'));
    }

    [Theory]
    [MemberData(nameof(Models.Serving), "/hello", MemberType = typeof(Models))]
    public async Task An_incomplete_head_is_closed_after_the_header_timeout(string model)
    {
        await using (var probe = await HttpProbe.ConnectAsync(servers.Port(model), Ct))
        {
            await probe.SendAsync("GET /hello HTTP/1.1\r\nHost: x\r\n", Ct); // never finished

            if (Models.Recorded(model, "header timeout") is { Closes: false })
            {
                // Recorded: no header timeout. Held three times the tests' timeout, it is still open.
                Assert.False(await probe.IsClosedByServerAsync(Connections.StalledHeadHeld, Ct), "recorded as holding a stalled head, but it closed");
            }
            else
            {
                // Servers run with a header timeout of 1 s.
                Assert.True(await probe.IsClosedByServerAsync(TimeSpan.FromSeconds(8), Ct), "a stalled head must not hold the connection");
            }
        }

        await AssertStillServingAsync(model);
    }

    [Theory]
    [MemberData(nameof(Models.Serving), "/io,/hello", MemberType = typeof(Models))]
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
