using System.Collections.Concurrent;
using System.Net.Sockets;
using Bench.Cli;
using Bench.Sdk.Tests.Support;

namespace Bench.Sdk.Tests;

/// <summary>Targets from code: a scenario sweeping catalogue targets records targets × levels with resources, as bench run does, and leaves nothing running.</summary>
public sealed class TargetSweepTests : IDisposable
{
    private readonly SdkRun _run = new();

    public void Dispose() => _run.Dispose();

    private static ScenarioProps Sweep(BenchHttpClient client, ConcurrentDictionary<Uri, string> seen, TimeSpan during) =>
        Scenario.Create("hello_sweep", async ctx =>
            {
                seen.TryAdd(ctx.Target!.BaseAddress, ctx.Target.Name);
                return await Http.Send(client, ctx, Http.CreateRequest("GET", "/hello"));
            })
            // sync serves one connection at a time: it answers the check before each level only because every
            // level's end closes the copies' keep-alive connections (a pooled one would hold it until its header timeout).
            .WithTargets("async", "sync")
            .WithWarmUpDuration(TimeSpan.FromMilliseconds(300))
            .WithLevels(during, 1, 4);

    [Fact]
    public async Task Given_a_scenario_with_two_targets_and_two_levels_when_it_runs_then_results_have_every_target_by_level_with_the_targets_resources_and_nothing_is_left_running()
    {
        using var client = new BenchHttpClient();
        var seen = new ConcurrentDictionary<Uri, string>();
        await _run.RunAsync([Sweep(client, seen, TimeSpan.FromSeconds(1))], cancellationToken: TestContext.Current.CancellationToken);
        _run.AssertExit(ExitCodes.Success);
        Assert.DoesNotContain("restarted", _run.Errors.ToString(), StringComparison.Ordinal);

        var scenario = Assert.Single(_run.Results().Scenarios);
        Assert.Equal(["async", "sync"], scenario.Definition.Targets);
        Assert.Equal([1, 4], scenario.Definition.Load.Levels);
        Assert.Equal(["async", "sync"], scenario.Verification.Select(v => v.Target));
        Assert.All(scenario.Verification, v => Assert.True(v.Valid, v.Reason));
        foreach (string target in new[] { "async", "sync" })
        {
            foreach (int level in new[] { 1, 4 })
            {
                var cell = _run.Level("hello_sweep", target, level);
                Assert.True(cell.Requests > 50, $"{target}@{level}: {cell.Requests}");
                Assert.True(cell.Resources.CpuSeconds > 0, $"{target}@{level}: no CPU sampled for the target");
                Assert.True(cell.Resources.PeakRssBytes > 0, $"{target}@{level}: no memory sampled for the target");
                Assert.NotNull(cell.Resources.CpuMsPerRequest);
            }
        }

        Assert.Equal(["async", "sync"], seen.Values.Order());
        AssertNothingListens(seen.Keys);
        Assert.Equal(ExitCodes.Success, await BenchCli.RunAsync(BenchCli.Create(), ["report", _run.Folder], TextWriter.Null, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Given_a_sweep_interrupted_while_a_target_runs_when_it_stops_then_it_exits_130_and_the_target_is_stopped()
    {
        using var client = new BenchHttpClient();
        var seen = new ConcurrentDictionary<Uri, string>();
        using var interrupt = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var running = _run.RunAsync([Sweep(client, seen, TimeSpan.FromSeconds(30))], cancellationToken: interrupt.Token);
        while (seen.IsEmpty && !running.IsCompleted)
        {
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        await Task.Delay(500, TestContext.Current.CancellationToken);
        await interrupt.CancelAsync();
        await running;

        _run.AssertExit(ExitCodes.Interrupted);
        Assert.Equal(["async"], seen.Values);
        AssertNothingListens(seen.Keys);
    }

    [Fact]
    public async Task Given_a_target_not_in_the_catalogue_when_the_scenario_is_checked_then_the_run_exits_2_naming_it_before_anything_starts()
    {
        var scenario = Scenario.Create("x", _ => Task.FromResult<IResponse>(Response.Ok())).WithTargets("no-such-target").WithLevels(TimeSpan.FromSeconds(1), 1);
        await _run.RunAsync([scenario], cancellationToken: TestContext.Current.CancellationToken);

        _run.AssertExit(ExitCodes.UsageError);
        Assert.Contains($"{nameof(TargetSweepTests)}.cs:", _run.Errors.ToString(), StringComparison.Ordinal);
        Assert.Contains("no target 'no-such-target' in the catalogue", _run.Errors.ToString(), StringComparison.Ordinal);
    }

    /// <summary>Every address a target had refuses connections now: its process is gone.</summary>
    private static void AssertNothingListens(IEnumerable<Uri> addresses)
    {
        foreach (var address in addresses)
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            var error = Assert.Throws<SocketException>(() => socket.Connect("127.0.0.1", address.Port));
            Assert.Equal(SocketError.ConnectionRefused, error.SocketErrorCode);
        }
    }
}
