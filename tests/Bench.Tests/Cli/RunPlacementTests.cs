using System.Text.Json;
using Bench.Tests.Support;

namespace Bench.Tests.Cli;

/// <summary>`bench run` with a scenario that places its targets itself, beside one that keeps the run's placement.</summary>
public sealed class RunPlacementTests : IDisposable
{
    private readonly RunFolder _run = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _run.Dispose();

    [Fact]
    public async Task Given_a_scenario_placement_only_its_targets_run_there_it_is_said_once_and_recorded()
    {
        if (Environment.ProcessorCount < 2)
        {
            Assert.Skip("needs two cores: on one there is nothing to place apart");
        }

        // The target records the cores it was allowed (taskset's, inherited by the shell) before it becomes the server.
        string affinity = Path.Combine(_run.Path, "affinity.txt");
        string catalog = _run.Write("catalog.yaml", $$"""
            targets:
              - name: placed
                description: the async model, saying where it runs
                command: ["/bin/sh", "-c", "grep Cpus_allowed_list /proc/self/status >> \"$1\"; exec \"$2\" --model async --port \"$0\"", "{port}", "{{affinity}}", "{{Bench.Launch.TargetsBinary.Locate()}}"]
                supports: [/hello, /io, /cpu, /blocking, /info]
            """);
        string scenarios = _run.Write("two.yaml", """
            name: default-place
            description: keeps the run's placement
            targets: [placed]
            request: { path: /hello }
            load: { levels: [1], warmup: 0, duration: 300ms, cooldown: 0 }
            ---
            name: own-place
            description: every core, no quota
            targets: [placed]
            request: { path: /hello }
            load: { levels: [1], warmup: 0, duration: 300ms, cooldown: 0 }
            placement: { targetCpus: all, targetQuota: none }
            """);
        string output = _run.Output;

        using var process = BenchExecutable.StartWith(new Dictionary<string, string> { ["BENCH_CATALOG"] = catalog }, "run", scenarios, "--out", output);
        var outcome = await BenchExecutable.FinishAsync(process, TimeSpan.FromSeconds(60), Ct);

        Assert.True(outcome.ExitCode == 0, outcome.Stdout + outcome.Stderr);
        string all = $"0-{Environment.ProcessorCount - 1}";
        Assert.Equal(["Cpus_allowed_list:\t0", $"Cpus_allowed_list:\t{all}"], await File.ReadAllLinesAsync(affinity, Ct));
        var notes = outcome.Stdout.Split('\n').Where(l => l.StartsWith("bench run: scenario ", StringComparison.Ordinal)).ToArray();
        Assert.StartsWith($"bench run: scenario own-place: targets on cores {all}, no quota (the run's: cores 0, ", Assert.Single(notes), StringComparison.Ordinal);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "results.json"), Ct));
        var definitions = json.RootElement.GetProperty("scenarios").EnumerateArray().Select(s => s.GetProperty("definition")).ToArray();
        Assert.Equal(JsonValueKind.Null, definitions[0].GetProperty("placement").ValueKind);
        Assert.Equal(all, definitions[1].GetProperty("placement").GetProperty("targetCpus").GetString());
        Assert.Equal(JsonValueKind.Null, definitions[1].GetProperty("placement").GetProperty("targetCpuQuota").ValueKind);
        Assert.Equal("0", json.RootElement.GetProperty("run").GetProperty("pinning").GetProperty("targetCpus").GetString());
    }
}
