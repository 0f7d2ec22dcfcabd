using System.Diagnostics;
using System.Text.Json;
using Bench.Launch.Verification;
using Bench.Tests.Support;

namespace Bench.Tests.Servers;

/// <summary>
/// Proofs that each model behaves like its name. Assertions compare the order in which things
/// finish, not absolute timings, so a noisy machine cannot flip them.
/// </summary>
public sealed class BehaviourTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    // The slow request lasts about 1 000–1 500 ms and /hello is sent 300 ms into it: a held /hello waits
    // 700 ms or more, a free one a few milliseconds. 400 ms separates them with room for a noisy machine.
    // (Which response the client sees first is no evidence: a held /hello is sent right behind the slow one.)
    private const long HeldMs = 400;

    /// <summary>The models that run every handler on one loop: a block or an unyielding computation holds them all.</summary>
    public static TheoryData<string> EventLoops => ["eventloop", "callbacks", "generators", "py-asyncio-streams", "py-asyncio-protocol", "py-uvloop-protocol", "py-callbacks", "py-generators"];
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("sync")]
    [InlineData("py-sync")]
    public async Task Sync_does_not_answer_a_second_connection_while_the_first_stays_open(string model)
    {
        await using var server = await RunningTarget.StartAsync(model);
        var first = await HttpProbe.ConnectAsync(server.Port, Ct);
        await first.SendAsync("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n", Ct);
        Assert.Equal(200, (await first.ReadResponseAsync(Timeout, Ct)).Status);

        await using var second = await HttpProbe.ConnectAsync(server.Port, Ct);
        await second.SendAsync("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n", Ct);
        await Assert.ThrowsAsync<TimeoutException>(() => second.ReadResponseAsync(TimeSpan.FromMilliseconds(700), Ct));

        await first.DisposeAsync(); // the one thread is free again
        Assert.Equal("Hello, World!", (await second.ReadResponseAsync(Timeout, Ct)).Body);
    }

    [Theory]
    [MemberData(nameof(EventLoops))]
    public async Task Single_threaded_models_run_every_handler_on_one_thread(string model)
    {
        await using var server = await RunningTarget.StartAsync(model);

        await Task.WhenAll(Enumerable.Range(0, 32).Select(i =>
            HttpProbe.GetAsync(server.Port, i % 2 == 0 ? "/io?ms=30" : "/cpu?n=200&yield=10", Timeout, Ct)));

        var info = await InfoAsync(server.Port);
        Assert.Equal(1, info.GetProperty("handlerThreads").GetInt32());
        Assert.True(info.GetProperty("requestsServed").GetInt64() >= 33);
    }

    [Theory]
    [InlineData("threads")]
    [InlineData("async")]
    [InlineData("py-threads")]
    public async Task Multi_threaded_models_spread_concurrent_handlers_over_threads(string model)
    {
        await using var server = await RunningTarget.StartAsync(model);

        await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => HttpProbe.GetAsync(server.Port, "/blocking?ms=100", Timeout, Ct)));

        Assert.True((await InfoAsync(server.Port)).GetProperty("handlerThreads").GetInt32() >= 2);
    }

    [Theory]
    [MemberData(nameof(EventLoops))]
    public async Task Eventloop_hello_waits_for_a_running_blocking_call(string model)
    {
        await using var server = await RunningTarget.StartAsync(model);

        var (_, helloMs) = await RaceHelloAgainstAsync(server.Port, "/blocking?ms=1000");

        // Sent 300 ms into a 1 000 ms block: held ~700 ms if the loop is blocked, ~1 ms if not.
        Assert.True(helloMs >= HeldMs, $"a blocking call on the loop must hold every other request; hello took {helloMs} ms");
    }

    [Theory]
    [MemberData(nameof(EventLoops))]
    public async Task Eventloop_hello_waits_for_cpu_work_that_does_not_yield(string model)
    {
        await using var server = await RunningTarget.StartAsync(model);
        int rounds = await RoundsForAsync(server.Port, TimeSpan.FromMilliseconds(1500));

        var (_, helloMs) = await RaceHelloAgainstAsync(server.Port, $"/cpu?n={rounds}");

        Assert.True(helloMs >= HeldMs, $"CPU work without yield must hold every other request; hello took {helloMs} ms");
    }

    [Theory]
    [MemberData(nameof(EventLoops))]
    public async Task Eventloop_hello_gets_through_cpu_work_that_yields(string model)
    {
        await using var server = await RunningTarget.StartAsync(model);
        int rounds = await RoundsForAsync(server.Port, TimeSpan.FromMilliseconds(1500));

        var (helloFirst, helloMs) = await RaceHelloAgainstAsync(server.Port, $"/cpu?n={rounds}&yield=500");

        Assert.True(helloFirst && helloMs < HeldMs, $"yielding CPU work must let other requests through; hello took {helloMs} ms");
    }

    [Fact]
    public async Task Threads_shows_more_os_threads_with_more_open_connections()
    {
        await using var server = await RunningTarget.StartAsync("threads");
        int before = (await InfoAsync(server.Port)).GetProperty("osThreads").GetInt32();

        var open = new List<HttpProbe>();
        try
        {
            for (int i = 0; i < 24; i++)
            {
                var probe = await HttpProbe.ConnectAsync(server.Port, Ct);
                open.Add(probe);
                await probe.SendAsync("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n", Ct);
                await probe.ReadResponseAsync(Timeout, Ct);
            }

            var info = await InfoAsync(server.Port);
            Assert.True(info.GetProperty("osThreads").GetInt32() >= before + 20, $"{before} threads before, {info.GetProperty("osThreads")} with 24 connections");
            Assert.True(info.GetProperty("openConnections").GetInt64() >= 25);
        }
        finally
        {
            foreach (var probe in open)
            {
                await probe.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// Sends <paramref name="slow"/>, then /hello on another connection; tells which finished first.
    /// Both connections are accepted and warmed by a first request, so the loop is surely running the
    /// slow request when /hello arrives, even on a machine busy starting other test servers.
    /// </summary>
    private static async Task<(bool HelloFirst, long HelloMs)> RaceHelloAgainstAsync(int port, string slow)
    {
        await using var slowConnection = await WarmConnectionAsync(port);
        await using var helloConnection = await WarmConnectionAsync(port);

        await slowConnection.SendAsync($"GET {slow} HTTP/1.1\r\nHost: x\r\n\r\n", Ct);
        var slowTask = slowConnection.ReadResponseAsync(Timeout, Ct);
        await Task.Delay(300, Ct);
        var clock = Stopwatch.StartNew();
        await helloConnection.SendAsync("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n", Ct);
        var helloTask = helloConnection.ReadResponseAsync(Timeout, Ct);

        var first = await Task.WhenAny(slowTask, helloTask);
        Assert.Equal(200, (await helloTask).Status);
        long helloMs = clock.ElapsedMilliseconds;
        Assert.Equal(200, (await slowTask).Status);
        return (first == helloTask, helloMs);
    }

    private static async Task<HttpProbe> WarmConnectionAsync(int port)
    {
        var probe = await HttpProbe.ConnectAsync(port, Ct);
        await probe.SendAsync("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n", Ct);
        await probe.ReadResponseAsync(Timeout, Ct);
        return probe;
    }

    /// <summary>Calibrates /cpu rounds on this machine so the work lasts about <paramref name="target"/>.</summary>
    private static async Task<int> RoundsForAsync(int port, TimeSpan target)
    {
        const int probeRounds = 100_000;
        double fastestMs = double.MaxValue;
        for (int i = 0; i < 3; i++) // the first run pays for JIT; a busy machine inflates any single one
        {
            var clock = Stopwatch.StartNew();
            await HttpProbe.GetAsync(port, $"/cpu?n={probeRounds}", Timeout, Ct);
            fastestMs = Math.Min(fastestMs, clock.Elapsed.TotalMilliseconds);
        }

        double perRoundMs = Math.Max(fastestMs, 1) / probeRounds;
        return (int)Math.Clamp(target.TotalMilliseconds / perRoundMs, 100_000, 10_000_000);
    }

    private static async Task<JsonElement> InfoAsync(int port)
    {
        var response = await HttpProbe.GetAsync(port, "/info", Timeout, Ct);
        using var json = JsonDocument.Parse(response.Body);
        return json.RootElement.Clone();
    }
}
