using System.Net;
using System.Net.Sockets;
using Bench.Load;
using Bench.Tests.Support;

namespace Bench.Tests.Load;

/// <summary>
/// The open model's window: requests intended inside it are awaited after it (the drain) so the slowest are measured
/// or time out rather than vanish as "in flight"; a generator with every connection busy waits instead of spinning;
/// and a rate counts as reached only by requests sent on time. Not in parallel with other tests: the generator's CPU
/// is its process's, and other tests' load would count.
/// </summary>
[Collection(nameof(OpenModelWindowTests))]
[CollectionDefinition(nameof(OpenModelWindowTests), DisableParallelization = true)]
public sealed class OpenModelWindowTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static LoadOptions OpenAt(int port, string path, double rate) =>
        new() { Url = new Uri($"http://127.0.0.1:{port}{path}"), Model = LoadModel.Open, Rate = rate };

    [Fact]
    public async Task Given_slow_answers_when_the_window_ends_then_requests_intended_in_it_are_waited_for_and_measured()
    {
        await using var server = await RunningTarget.StartAsync("async");

        // Every request takes 300 ms: those intended in the window's last 300 ms are answered after it.
        var result = await new LoadEngine().RunAsync(
            OpenAt(server.Port, "/io?ms=300", 40) with { Connections = 16, Duration = TimeSpan.FromSeconds(1), Timeout = TimeSpan.FromSeconds(3) }, null, Ct);

        var open = result.Open!;
        Assert.Equal(0, result.InFlight);
        Assert.Equal(0, result.ErrorCount);
        Assert.Equal(open.Scheduled, result.Requests);
        Assert.True(result.Latency!.MaxMs >= 300, $"max {result.Latency.MaxMs} ms");
        Assert.InRange(result.Duration.TotalSeconds, 0.99, 1.01); // the window is still one second: the drain is not measured time
    }

    [Fact]
    public async Task Given_a_target_that_never_answers_when_every_connection_is_busy_then_the_generator_waits_instead_of_spinning()
    {
        // A listener that never accepts: connections complete in the kernel's backlog, requests are written, nothing answers.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start(backlog: 64);
        int port = ((IPEndPoint)silent.LocalEndpoint).Port;

        var result = await new LoadEngine().RunAsync(
            OpenAt(port, "/hello", 500) with { Connections = 2, MaxConnections = 4, Workers = 1, Duration = TimeSpan.FromSeconds(1.5), Timeout = TimeSpan.FromMilliseconds(500) },
            null,
            Ct);

        // A spinning event loop keeps its core busy (its thread's CPU near the whole window); waiting costs next to nothing.
        double loopBusy = result.Generator.WorkerCpuSeconds / result.Duration.TotalSeconds;
        Assert.True(loopBusy < 0.3, $"the event loop was {loopBusy:P0} busy while the target answered nothing");
        Assert.False(result.Generator.Saturated, $"generator {result.Generator.Utilisation:P0} busy");
        Assert.Equal(0, result.Requests);
        Assert.True(result.Errors.GetValueOrDefault(ErrorKinds.RequestTimeout) > 0, string.Join(", ", result.Errors));
        Assert.False(result.Open!.RateReached);
        Assert.Null(result.Latency);
        Assert.NotNull(result.FailureLatency);
    }

    [Fact]
    public async Task Given_requests_sent_late_from_a_backlog_when_judging_the_rate_then_only_those_sent_on_time_count()
    {
        await using var server = await RunningTarget.StartAsync("async");

        // Two connections on a 100 ms endpoint carry 20 requests a second; 40 are asked for. The drain sends the
        // backlog, so nearly all are sent in the end — but half of them late: the rate was not reached.
        var result = await new LoadEngine().RunAsync(
            OpenAt(server.Port, "/io?ms=100", 40) with { Connections = 2, MaxConnections = 2, Duration = TimeSpan.FromSeconds(1), Timeout = TimeSpan.FromSeconds(5) }, null, Ct);

        var open = result.Open!;
        Assert.True(open.Sent >= 0.98 * open.Scheduled, $"{open.Sent} of {open.Scheduled} sent");
        Assert.True(open.Late > 0.3 * open.Scheduled, $"{open.Late} of {open.Scheduled} late");
        Assert.False(open.RateReached);
        Assert.False(result.Clean);
    }
}
