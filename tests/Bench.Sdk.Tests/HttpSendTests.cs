using Bench.Cli;
using Bench.Sdk.Tests.Support;

namespace Bench.Sdk.Tests;

/// <summary>Http.Send, Bench's raw HTTP helper: one keep-alive connection per copy, results as any step's, errors by the engine's kinds.</summary>
public sealed class HttpSendTests : IDisposable
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);
    private readonly SdkRun _run = new();

    public void Dispose() => _run.Dispose();

    private static ScenarioProps Get(BenchHttpClient client, BenchHttpRequest request, int copies, Action<IScenarioContext>? after = null) =>
        Scenario.Create("raw", async ctx =>
            {
                var response = await Http.Send(client, ctx, request);
                after?.Invoke(ctx);
                return response;
            })
            .WithoutWarmUp()
            .WithLoadSimulations(Simulation.KeepConstant(copies, Second));

    [Fact]
    public async Task Given_copies_calling_Http_Send_when_the_scenario_runs_then_each_copy_keeps_one_keep_alive_connection_and_the_bodies_are_counted()
    {
        await using var server = new KeepAliveServer();
        using var client = new BenchHttpClient(new BenchHttpClientOptions { BaseAddress = server.Url });
        await _run.RunAsync([Get(client, Http.CreateRequest("GET", "/hello"), copies: 4)], cancellationToken: TestContext.Current.CancellationToken);
        _run.AssertRanOrOnlySaturated();

        var level = _run.Level("raw", "raw", 4);
        Assert.True(level.Requests > 100, $"{level.Requests} calls in a second");
        Assert.Equal(0, level.ErrorCount);
        Assert.Equal(level.Requests * "Hello, World!".Length, level.Bytes);
        // One connection per copy, kept alive across every call; the phase's cut closes a call in flight, so a copy may
        // reconnect once at the very end (a loaded clean-clone run saw 5). A connection per call would be hundreds.
        Assert.InRange(server.Accepted, 4, 8);
        Assert.True(server.Requests >= level.Requests);
    }

    [Fact]
    public async Task Given_copies_holding_keep_alive_connections_when_each_level_ends_then_the_client_has_closed_them_while_it_lives_on()
    {
        await using var server = new KeepAliveServer();
        using var client = new BenchHttpClient(new BenchHttpClientOptions { BaseAddress = server.Url });
        var hello = Http.CreateRequest("GET", "/hello");
        var scenario = Scenario.Create("raw", async ctx => await Http.Send(client, ctx, hello))
            .WithoutWarmUp()
            .WithLoadSimulations(Simulation.KeepConstant(2, TimeSpan.FromMilliseconds(500)), Simulation.KeepConstant(3, TimeSpan.FromMilliseconds(500)));
        await _run.RunAsync([scenario], cancellationToken: TestContext.Current.CancellationToken);
        _run.AssertRanOrOnlySaturated();

        // The client is not disposed: only the levels' ends can have closed the copies' pooled connections. The server
        // sees each close as an end of stream, a moment later.
        for (int wait = 0; wait < 100 && server.Open > 0; wait++)
        {
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        Assert.Equal(0, server.Open);
        // Level 2 connected afresh: its 3 copies did not reuse level 1's 2 connections.
        Assert.True(server.Accepted >= 5, $"{server.Accepted} connections for 2 then 3 copies");
        Assert.True(_run.Level("raw", "raw", 3).Requests > 50);
    }

    [Fact]
    public async Task Given_a_server_answering_404_when_Http_Send_calls_it_then_each_call_is_a_failure_keyed_by_its_status()
    {
        await using var server = new KeepAliveServer(status: 404, body: "no");
        using var client = new BenchHttpClient();
        var request = Http.CreateRequest("GET", new Uri(server.Url, "/missing").ToString());
        await _run.RunAsync([Get(client, request, copies: 1)], cancellationToken: TestContext.Current.CancellationToken);

        var level = _run.Level("raw", "raw", 1);
        Assert.Equal(0, level.Requests);
        Assert.True(level.ErrorCount > 0);
        Assert.Equal(level.ErrorCount, Assert.Single(level.Errors, e => e.Key == "status404").Value);
        Assert.Equal(1, server.Accepted); // a 404 with keep-alive keeps the connection
    }

    [Fact]
    public async Task Given_nothing_listening_when_Http_Send_calls_then_each_call_is_the_engines_connectRefused_not_an_exception()
    {
        int port;
        using (var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        }

        using var client = new BenchHttpClient();
        var scenario = Scenario.Create("raw", async ctx =>
            {
                var response = await Http.Send(client, ctx, Http.CreateRequest("GET", $"http://127.0.0.1:{port}/hello"));
                await Task.Delay(1, ctx.CancellationToken); // a refused connect fails at once: do not spin
                return response;
            })
            .WithoutWarmUp()
            .WithLoadSimulations(Simulation.KeepConstant(1, Second));
        await _run.RunAsync([scenario], cancellationToken: TestContext.Current.CancellationToken);

        var level = _run.Level("raw", "raw", 1);
        Assert.True(level.ErrorCount > 0);
        Assert.Equal(level.ErrorCount, Assert.Single(level.Errors, e => e.Key == "connectRefused").Value);
    }

    [Fact]
    public async Task Given_a_server_that_never_answers_when_the_client_timeout_passes_then_the_call_is_a_requestTimeout()
    {
        await using var server = new KeepAliveServer(silent: true);
        using var client = new BenchHttpClient(new BenchHttpClientOptions { BaseAddress = server.Url, Timeout = TimeSpan.FromMilliseconds(200) });
        await _run.RunAsync([Get(client, Http.CreateRequest("GET", "/hello"), copies: 1)], cancellationToken: TestContext.Current.CancellationToken);

        var level = _run.Level("raw", "raw", 1);
        Assert.InRange(level.Errors.GetValueOrDefault("requestTimeout"), 2, 5); // one every 200 ms of the second
        Assert.True(level.FailureLatencyMs!.P50 >= 200, $"failures took {level.FailureLatencyMs.P50} ms");
    }

    [Fact]
    public async Task Given_a_call_in_flight_when_its_phase_ends_then_ctx_cancellation_settles_it_and_the_run_ends_without_waiting_for_the_timeout()
    {
        await using var server = new KeepAliveServer(silent: true);
        using var client = new BenchHttpClient(new BenchHttpClientOptions { BaseAddress = server.Url, Timeout = TimeSpan.FromMinutes(1) });
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await _run.RunAsync([Get(client, Http.CreateRequest("GET", "/hello"), copies: 2)], cancellationToken: TestContext.Current.CancellationToken);
        clock.Stop();

        _run.AssertExit(ExitCodes.Success);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(4), $"the run took {clock.Elapsed}: the cut did not cancel the calls");
        Assert.DoesNotContain("still running", _run.Output.ToString() + _run.Errors, StringComparison.Ordinal);
        Assert.Equal(2, _run.Level("raw", "raw", 2).InFlight);
    }

    [Fact]
    public async Task Given_inline_continuations_when_a_call_completes_then_the_code_after_it_runs_on_the_clients_loop_thread_and_else_on_the_pool()
    {
        await using var server = new KeepAliveServer();
        foreach (bool inline in new[] { true, false })
        {
            using var client = new BenchHttpClient(new BenchHttpClientOptions { BaseAddress = server.Url, InlineContinuations = inline });
            var threads = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
            var scenario = Get(client, Http.CreateRequest("GET", "/hello"), copies: 2, after: _ => threads.AddOrUpdate(Thread.CurrentThread.Name ?? "", 1, (_, n) => n + 1));
            using var run = new SdkRun();
            await run.RunAsync([scenario], cancellationToken: TestContext.Current.CancellationToken);
            run.AssertRanOrOnlySaturated();
            Assert.True(threads.Values.Sum() > 100);
            if (inline)
            {
                Assert.Equal(["bench-http"], threads.Keys);
            }
            else
            {
                Assert.DoesNotContain("bench-http", threads.Keys);
            }
        }
    }

    [Fact]
    public async Task Given_a_disposed_client_when_a_scenario_calls_it_then_the_call_fails_by_exception_type_at_once()
    {
        await using var server = new KeepAliveServer();
        var client = new BenchHttpClient(new BenchHttpClientOptions { BaseAddress = server.Url });
        client.Dispose();
        var scenario = Scenario.Create("raw", async ctx =>
            {
                var response = await Http.Send(client, ctx, Http.CreateRequest("GET", "/hello"));
                return response;
            })
            .WithoutWarmUp()
            .WithLoadSimulations(Simulation.IterationsForConstant(1, 3));
        await _run.RunAsync([scenario], cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(3, _run.Level("raw", "raw", 1).Errors.GetValueOrDefault("exception:ObjectDisposedException"));
    }

    [Fact]
    public void Given_a_request_to_a_host_that_is_not_loopback_when_it_is_sent_then_it_is_refused_with_one_clear_error()
    {
        var request = Http.CreateRequest("GET", "http://example.com/hello");
        var error = Assert.Throws<ArgumentException>(() => request.Encode(null));
        Assert.Contains("only loopback hosts are allowed", error.Message, StringComparison.Ordinal);
    }
}
