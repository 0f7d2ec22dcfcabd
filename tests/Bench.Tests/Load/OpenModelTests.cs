using System.Diagnostics;
using Bench.Load;
using Bench.Launch.Verification;
using Bench.Tests.Support;

namespace Bench.Tests.Load;

/// <summary>
/// The open model keeps its rate and counts from intended send times, so a server stall shows in its percentiles;
/// the closed model, waiting politely, sees the stall in one request only (coordinated omission). Not in parallel with
/// other tests: a rate is reached only when requests leave on time, and other tests' load would starve the generator.
/// </summary>
[Collection(nameof(OpenModelTests))]
[CollectionDefinition(nameof(OpenModelTests), DisableParallelization = true)]
public sealed class OpenModelTests
{
    private const int StallMs = 500;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static LoadOptions OpenAt(int port, string path, double rate) =>
        new() { Url = new Uri($"http://127.0.0.1:{port}{path}"), Model = LoadModel.Open, Rate = rate };

    [Fact]
    public async Task A_constant_arrival_rate_of_1000_per_second_is_held_within_two_percent()
    {
        await using var server = await RunningTarget.StartAsync("async");

        var result = await new LoadEngine().RunAsync(
            OpenAt(server.Port, "/hello", 1000) with { Connections = 4, Warmup = TimeSpan.FromMilliseconds(300), Duration = TimeSpan.FromSeconds(2) }, null, Ct);

        var open = result.Open!;
        Assert.InRange(result.ThroughputRps, 980, 1020);
        Assert.InRange(open.Scheduled, 1990, 2010);
        Assert.Equal(1000, open.TargetRps, 1);
        Assert.True(open.RateReached);
        Assert.Equal(0, result.ErrorCount);
    }

    [Fact]
    public async Task A_ramping_stage_follows_its_mean_rate()
    {
        await using var server = await RunningTarget.StartAsync("async");
        // Warm, and two seconds of ramp: a fresh target's slow first responses, or one 20 ms stall at a one-second
        // window's end (12 requests at 600/s), moved a cold one-second ramp out of its 5 % in loaded CI runs.
        await new LoadEngine().RunAsync(OpenAt(server.Port, "/hello", 200) with { Duration = TimeSpan.FromMilliseconds(500) }, null, Ct);

        var result = await new LoadEngine().RunAsync(
            OpenAt(server.Port, "/hello", 200) with { Stages = [new RateStage(TimeSpan.FromSeconds(2), 600)], Duration = TimeSpan.FromSeconds(2) }, null, Ct);

        Assert.Equal(400, result.Open!.TargetRps, 1);
        Assert.InRange(result.ThroughputRps, 380, 420);
        Assert.True(result.Open.RateReached);
    }

    [Fact]
    public async Task A_rate_the_connections_cannot_carry_is_reported_as_not_reached()
    {
        await using var server = await RunningTarget.StartAsync("async");

        // Two connections on a 100 ms endpoint carry at most 20 requests a second; 200 are asked for.
        var result = await new LoadEngine().RunAsync(
            OpenAt(server.Port, "/io?ms=100", 200) with { Connections = 1, MaxConnections = 2, Duration = TimeSpan.FromSeconds(1) }, null, Ct);

        var open = result.Open!;
        Assert.False(open.RateReached);
        Assert.False(result.Clean);
        Assert.True(open.Scheduled - open.OnTime > 100, $"{open.OnTime} of {open.Scheduled} sent on time ({open.Late} late, {open.Unsent} never sent)");
        Assert.InRange(open.PeakConnections, 1, 2);
        Assert.True(result.Latency!.MaxMs > 500, "the backlog's waiting shows in the latency");
    }

    [Fact]
    public async Task A_server_stall_lands_in_the_open_models_p99_but_only_in_the_closed_models_max()
    {
        // sync serves one connection at a time; with a new connection per request it alternates between clients,
        // so a /blocking call on a side connection really stalls everyone for StallMs.
        await using var server = await RunningTarget.StartAsync("sync");
        var open = OpenAt(server.Port, "/hello", 1000) with { ClosePerRequest = true, Warmup = TimeSpan.FromMilliseconds(200), Duration = TimeSpan.FromSeconds(2) };
        var closed = open with { Model = LoadModel.Closed, Rate = 0 };

        var (openResult, openStall) = await RunWithStallAsync(server.Port, open);
        var (closedResult, closedStall) = await RunWithStallAsync(server.Port, closed);

        Assert.True(openStall >= StallMs && closedStall >= StallMs, $"the stalls lasted {openStall} and {closedStall} ms");
        Assert.True(openResult.Latency!.P99Ms >= 0.8 * StallMs, $"open p99 {openResult.Latency!.P99Ms} ms misses the {StallMs} ms stall");
        Assert.True(closedResult.Latency!.P99Ms < 0.5 * StallMs, $"closed p99 {closedResult.Latency!.P99Ms} ms");
        Assert.True(closedResult.Latency!.MaxMs >= 0.8 * StallMs, $"closed max {closedResult.Latency!.MaxMs} ms: the one request that waited");
        // The open model keeps sending through the stall (new connections queue at the server): the stall shows in the
        // latency, not as requests the generator held back.
        var schedule = openResult.Open!;
        Assert.True(schedule.OnTime >= 0.9 * schedule.Scheduled, $"{schedule.OnTime} of {schedule.Scheduled} sent on time");
        Assert.Equal(0, openResult.ErrorCount + closedResult.ErrorCount);
    }

    /// <summary>Runs the load and, 700 ms in (inside the measured window), stalls the server; returns how long the stall call took.</summary>
    private static async Task<(LoadResult Result, long StallMs)> RunWithStallAsync(int port, LoadOptions options)
    {
        var run = new LoadEngine().RunAsync(options, null, Ct);
        await Task.Delay(700, Ct);
        var clock = Stopwatch.StartNew();
        await using (var probe = await HttpProbe.ConnectAsync(port, Ct))
        {
            await probe.SendAsync($"GET /blocking?ms={StallMs} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", Ct);
            Assert.Equal(200, (await probe.ReadResponseAsync(TimeSpan.FromSeconds(10), Ct)).Status);
        }

        long stall = clock.ElapsedMilliseconds;
        return (await run, stall);
    }
}
