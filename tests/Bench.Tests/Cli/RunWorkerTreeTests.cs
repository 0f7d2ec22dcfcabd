using Bench.Launch.Sampling;
using Bench.Tests.Launch;
using Bench.Tests.Support;

namespace Bench.Tests.Cli;

/// <summary>`bench run` interrupted while it measures a target made of several processes (gunicorn's master and workers).</summary>
public sealed class RunWorkerTreeTests : IDisposable
{
    private readonly RunFolder _run = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _run.Dispose();

    [Fact]
    public async Task Given_a_run_on_gunicorn_with_four_workers_when_interrupted_then_no_process_of_its_tree_survives()
    {
        string scenario = _run.Scenario("workers", "flask-gunicorn-sync-4", "/io?ms=5", "1, 2, 4, 8", duration: "2s");
        using var process = BenchExecutable.Start("run", scenario, "--out", _run.Output);
        var finishing = BenchExecutable.FinishAsync(process, TimeSpan.FromSeconds(90), Ct);

        // Every process Bench started, seen while level 1 runs: the target's master and its 4 workers among them.
        string flask = RepositoryFiles.PathOf("targets", "flask");
        string results = Path.Combine(_run.Output, "results.json");
        var seen = new Dictionary<int, (ProcStat Stat, string CommandLine)>();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        deadline.CancelAfter(TimeSpan.FromSeconds(60));
        while (!File.Exists(results) || !(await File.ReadAllTextAsync(results, deadline.Token)).Contains("\"level\": 1", StringComparison.Ordinal))
        {
            foreach (var p in ProcessTree.Of(process.Id, ProcFs.System).Where(p => p.Pid != process.Id))
            {
                // A child seen between its fork and its exec still shows Bench's command line: keep the latest one.
                string line = CommandLine(p.Pid);
                seen[p.Pid] = seen.TryGetValue(p.Pid, out var known) && line.Length == 0 ? known : (p, line);
            }

            await Task.Delay(50, deadline.Token);
        }

        CtrlC.Send(process.Id);
        var outcome = await finishing;

        Assert.Equal(130, outcome.ExitCode);
        int gunicorn = seen.Values.Count(p => p.CommandLine.Contains(flask, StringComparison.Ordinal));
        Assert.True(gunicorn >= 5, $"saw {gunicorn} processes of the target, expected its master and 4 workers");
        Assert.All(seen.Values, p => Assert.False(WorkerTreeTests.IsAlive(p.Stat), $"process {p.Stat.Pid} ({p.CommandLine}) survived the interrupted run"));
    }

    private static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
        }
        catch (IOException)
        {
            return "";
        }
    }
}
