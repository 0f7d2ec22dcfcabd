using Bench.Launch;
using Bench.Tests.Support;

namespace Bench.Tests.Cli;

/// <summary>
/// `bench run` behind RabbitMQ, interrupted twice (kill at once): every process it started dies, the broker's epmd too —
/// which daemonized out of Bench's tree and is found by the owner marker every launch carries in its environment.
/// </summary>
public sealed class RunRabbitInterruptTests : IDisposable
{
    private readonly RunFolder _run = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _run.Dispose();

    [Fact]
    public async Task Given_a_run_behind_rabbitmq_when_interrupted_twice_then_nothing_it_started_survives_its_epmd_included()
    {
        string scenario = _run.Scenario("rabbit", "async-rabbit", "/rpc?n=10", "1, 2, 4", duration: "3s");
        using var process = BenchExecutable.Start("run", scenario, "--out", _run.Output);
        var finishing = BenchExecutable.FinishAsync(process, TimeSpan.FromSeconds(150), Ct);
        string owner = $"{TargetLaunch.OwnerMarker}={process.Id}";
        string results = Path.Combine(_run.Output, "results.json");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        deadline.CancelAfter(TimeSpan.FromSeconds(120));
        while (!File.Exists(results) || !(await File.ReadAllTextAsync(results, deadline.Token)).Contains("\"level\": 1", StringComparison.Ordinal))
        {
            seen.UnionWith(ProcessEnvironment.With(owner).Select(p => p.Name));
            await Task.Delay(50, deadline.Token);
        }

        seen.UnionWith(ProcessEnvironment.With(owner).Select(p => p.Name));
        Assert.Contains("epmd", seen);
        Assert.Contains("beam.smp", seen);
        CtrlC.Send(process.Id);
        await Task.Delay(100, Ct);
        CtrlC.Send(process.Id);
        var outcome = await finishing;

        Assert.Equal(130, outcome.ExitCode);
        // A SIGKILL is delivered when the process next runs: on a loaded machine, give it a moment.
        for (int i = 0; i < 100 && ProcessEnvironment.With(owner).Count > 0; i++)
        {
            await Task.Delay(20, Ct);
        }

        Assert.Empty(ProcessEnvironment.With(owner));
    }
}
