using System.Text.Json;
using Bench.Launch.Differences;
using Bench.Launch.Sampling;
using Bench.Launch.Verification;
using Bench.Tests.Support;

namespace Bench.Tests.Servers;

/// <summary>
/// Every endpoint of the target contract, on every process entry of the catalogue that serves it, against real
/// processes; where the catalogue records that an entry answers a connection check its own way, the test holds it to
/// what is recorded (so a change in gunicorn or Werkzeug fails here).
/// </summary>
public sealed class ContractTests(ModelServers servers) : IClassFixture<ModelServers>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Models.Serving), "/hello", MemberType = typeof(Models))]
    public async Task Hello_returns_the_fixed_text(string model)
    {
        var response = await HttpProbe.GetAsync(servers.Port(model), "/hello", Timeout, Ct);

        Assert.Equal(200, response.Status);
        Assert.Equal("Hello, World!", response.Body);
        Assert.StartsWith("text/plain", response.Headers["content-type"], StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Models.Serving), "/cpu", MemberType = typeof(Models))]
    public async Task Cpu_returns_the_chained_sha256_digest_with_and_without_yield(string model)
    {
        foreach (var (target, rounds) in new[] { ("/cpu?n=0", 0), ("/cpu?n=1", 1), ("/cpu?n=2500", 2500), ("/cpu?n=2500&yield=7", 2500), ("/cpu?n=10&yield=100", 10) })
        {
            var response = await HttpProbe.GetAsync(servers.Port(model), target, Timeout, Ct);

            Assert.Equal(200, response.Status);
            Assert.Equal(ReferenceDigest.Compute(rounds), response.Body);
        }
    }

    [Theory]
    [MemberData(nameof(Models.Serving), "/io,/blocking", MemberType = typeof(Models))]
    public async Task Io_and_blocking_wait_at_least_the_requested_time(string model)
    {
        foreach (string path in new[] { "/io", "/blocking" })
        {
            var started = System.Diagnostics.Stopwatch.StartNew();
            var response = await HttpProbe.GetAsync(servers.Port(model), $"{path}?ms=120", Timeout, Ct);

            Assert.Equal(200, response.Status);
            Assert.True(started.ElapsedMilliseconds >= 115, $"{path} answered after {started.ElapsedMilliseconds} ms");
        }
    }

    [Theory]
    [MemberData(nameof(Models.Serving), "/info,/hello", MemberType = typeof(Models))]
    public async Task Info_reports_the_model_and_its_counters(string model)
    {
        await HttpProbe.GetAsync(servers.Port(model), "/hello", Timeout, Ct);

        var response = await HttpProbe.GetAsync(servers.Port(model), "/info", Timeout, Ct);

        Assert.Equal(200, response.Status);
        Assert.Equal("application/json", response.Headers["content-type"].Split(';')[0]);
        using var json = JsonDocument.Parse(response.Body);
        var info = json.RootElement;
        Assert.Equal(Models.InfoModel(model), info.GetProperty("model").GetString());
        // The process that answered: the target itself, or one of its workers (gunicorn's).
        var tree = ProcessTree.Of(servers.Process(model).Pid, ProcFs.System).Select(p => p.Pid);
        Assert.Contains(info.GetProperty("pid").GetInt32(), tree);
        Assert.True(info.GetProperty("osThreads").GetInt32() >= 1);
        Assert.True(info.GetProperty("openConnections").GetInt64() >= 1, "the /info request's own connection is open");
        Assert.True(info.GetProperty("requestsServed").GetInt64() >= 1);
        Assert.True(info.GetProperty("handlerThreads").GetInt32() >= 1);
    }

    [Theory]
    [MemberData(nameof(Models.Serving), "/hello", MemberType = typeof(Models))]
    public async Task Keep_alive_serves_many_requests_on_one_connection(string model)
    {
        await using var probe = await HttpProbe.ConnectAsync(servers.Port(model), Ct);
        if (Models.Recorded(model, "keep-alive") is { Closes: true })
        {
            await probe.SendAsync("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n", Ct);
            Assert.Equal("Hello, World!", (await probe.ReadResponseAsync(Timeout, Ct)).Body);
            await AssertClosedWithNothingMoreAsync(probe);
            return;
        }

        for (int i = 0; i < 20; i++)
        {
            await probe.SendAsync("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n", Ct);
            var response = await probe.ReadResponseAsync(Timeout, Ct);
            Assert.Equal("Hello, World!", response.Body);
            Assert.False(response.AsksToClose);
        }
    }

    [Theory]
    [MemberData(nameof(Models.Serving), "/io,/cpu,/hello", MemberType = typeof(Models))]
    public async Task Pipelined_requests_are_answered_in_order(string model)
    {
        await using var probe = await HttpProbe.ConnectAsync(servers.Port(model), Ct);
        await probe.SendAsync(
            "GET /io?ms=30 HTTP/1.1\r\nHost: x\r\n\r\nGET /cpu?n=3 HTTP/1.1\r\nHost: x\r\n\r\nGET /hello HTTP/1.1\r\nHost: x\r\n\r\n", Ct);

        Assert.Equal("OK", (await probe.ReadResponseAsync(Timeout, Ct)).Body);
        if (Models.Recorded(model, "pipelining") is { Closes: true })
        {
            await AssertClosedWithNothingMoreAsync(probe);
            return;
        }

        Assert.Equal(ReferenceDigest.Compute(3), (await probe.ReadResponseAsync(Timeout, Ct)).Body);
        Assert.Equal("Hello, World!", (await probe.ReadResponseAsync(Timeout, Ct)).Body);
    }

    [Theory]
    [MemberData(nameof(Models.Serving), "/hello", MemberType = typeof(Models))]
    public async Task Connection_close_and_http10_close_after_the_response(string model)
    {
        foreach (var (check, request) in new[] { ("connection close", "GET /hello HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), ("HTTP/1.0", "GET /hello HTTP/1.0\r\n\r\n") })
        {
            await using var probe = await HttpProbe.ConnectAsync(servers.Port(model), Ct);
            await probe.SendAsync(request, Ct);

            var response = await probe.ReadResponseAsync(Timeout, Ct);

            Assert.Equal("Hello, World!", response.Body);
            if (Models.Recorded(model, check) is { Closes: false })
            {
                Assert.False(await probe.IsClosedByServerAsync(Connections.KeptOpen, Ct), $"closed after {check}, unlike what is recorded");
            }
            else
            {
                Assert.True(await probe.IsClosedByServerAsync(Timeout, Ct), $"still open after: {request.Split('\r')[0]}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Models.Serving), "/hello,/cpu", MemberType = typeof(Models))]
    public async Task A_small_request_body_is_skipped_and_the_next_request_served(string model)
    {
        await using var probe = await HttpProbe.ConnectAsync(servers.Port(model), Ct);
        await probe.SendAsync("GET /hello HTTP/1.1\r\nHost: x\r\nContent-Length: 11\r\n\r\nhello body!GET /cpu?n=1 HTTP/1.1\r\nHost: x\r\n\r\n", Ct);

        Assert.Equal("Hello, World!", (await probe.ReadResponseAsync(Timeout, Ct)).Body);
        if (Models.Recorded(model, "body then next request") is { Closes: true })
        {
            await AssertClosedWithNothingMoreAsync(probe);
            return;
        }

        Assert.Equal(ReferenceDigest.Compute(1), (await probe.ReadResponseAsync(Timeout, Ct)).Body);
    }

    [Fact]
    public void Every_check_a_difference_may_name_is_one_the_suite_runs()
    {
        string[] run = [.. BadInputTests.CaseNames, "keep-alive", "pipelining", "body then next request", "connection close", "HTTP/1.0", "header timeout"];

        Assert.Equal(ContractChecks.All.Order(), run.Order());
    }

    /// <summary>A recorded "answers the first request, then closes": the server ends the connection and nothing else arrives.</summary>
    private static async Task AssertClosedWithNothingMoreAsync(HttpProbe probe)
    {
        Assert.True(await probe.IsClosedByServerAsync(Timeout, Ct), "recorded as closing after the first response, but still open");
        await Assert.ThrowsAsync<EndOfStreamException>(() => probe.ReadResponseAsync(Timeout, Ct));
    }
}
