using System.Text.Json;
using Bench.Launch;
using Bench.Launch.Docker;
using Bench.Tests.Support;

namespace Bench.Tests.Cli;

/// <summary>
/// `bench run` with docker targets, end to end: the real executable, the real engine, the repository's image recipe.
/// One class, so its tests run one after another and the first builds the image the others reuse.
/// </summary>
public sealed class RunDockerTests : IDisposable
{
    private readonly RunFolder _run = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _run.Dispose();


    private static async Task<JsonElement> ScenarioResultsAsync(string output)
    {
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "results.json"), Ct));
        return json.RootElement.GetProperty("scenarios")[0].Clone();
    }

    [Fact]
    public async Task A_docker_target_runs_beside_its_process_and_records_the_containers_cpu_and_memory()
    {
        string output = _run.Output;
        using var process = BenchExecutable.Start("run", _run.Scenario("side", "async, async-docker", "/hello", "4"), "--out", output);
        var outcome = await BenchExecutable.FinishAsync(process, TimeSpan.FromSeconds(120), Ct);

        Assert.True(outcome.ExitCode == 0, outcome.Stdout + outcome.Stderr);
        var results = (await ScenarioResultsAsync(output)).GetProperty("results").EnumerateArray().ToArray();
        Assert.Equal(["async", "async-docker"], results.Select(r => r.GetProperty("target").GetString()));
        foreach (var level in results)
        {
            Assert.True(level.GetProperty("valid").GetBoolean(), level.GetProperty("invalidReason").GetString());
            Assert.True(level.GetProperty("requests").GetInt64() > 100);
        }

        // The container's processes are measured as a process target's are, and the engine's stats come beside them.
        var processes = results[1].GetProperty("resources");
        Assert.True(processes.GetProperty("cpuSeconds").GetDouble() > 0, processes.ToString());
        Assert.True(processes.GetProperty("peakRssBytes").GetInt64() > 1_000_000, processes.ToString());
        Assert.True(processes.GetProperty("maxThreads").GetInt32() >= 2, processes.ToString());
        var container = processes.GetProperty("container");
        Assert.True(container.GetProperty("cpuSeconds").GetDouble() > 0, container.ToString());
        Assert.True(container.GetProperty("peakMemoryBytes").GetInt64() > 1_000_000, container.ToString());
        Assert.True(container.GetProperty("maxTasks").GetInt32() >= 2, container.ToString());
        Assert.Equal(512L << 20, container.GetProperty("memoryLimitBytes").GetInt64());
        Assert.True(container.GetProperty("readings").GetInt32() >= 2, container.ToString());
        Assert.Equal(JsonValueKind.Null, results[0].GetProperty("resources").GetProperty("container").ValueKind);
        var verification = (await ScenarioResultsAsync(output)).GetProperty("verification").EnumerateArray().ToArray();
        Assert.Equal(JsonValueKind.Null, verification[0].GetProperty("image").ValueKind);
        Assert.Matches("^bench-target:[0-9a-f]{16}$", verification[1].GetProperty("image").GetString());
        using var schema = JsonDocument.Parse(await File.ReadAllTextAsync(RepositoryFiles.PathOf("docs", "results.schema.json"), Ct));
        using var written = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "results.json"), Ct));
        Assert.Empty(JsonSchemaCheck.Problems(schema.RootElement, written.RootElement));
        Assert.Empty(await DockerSupport.ContainersOwnedByAsync(process.Id));
    }

    [Fact]
    public async Task Target_memory_holds_processes_and_containers_to_one_limit()
    {
        using var process = BenchExecutable.Start("run", _run.Scenario("limited", "async, async-docker", "/hello", "2"), "--out", _run.Output, "--target-memory", "256m");
        var outcome = await BenchExecutable.FinishAsync(process, TimeSpan.FromSeconds(120), Ct);

        Assert.True(outcome.ExitCode == 0, outcome.Stdout + outcome.Stderr);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_run.Output, "results.json"), Ct));
        Assert.Equal(256L << 20, json.RootElement.GetProperty("run").GetProperty("pinning").GetProperty("targetMemoryLimitBytes").GetInt64());
        var levels = json.RootElement.GetProperty("scenarios")[0].GetProperty("results").EnumerateArray().ToArray();
        Assert.All(levels, l => Assert.True(l.GetProperty("valid").GetBoolean(), l.GetProperty("invalidReason").GetString()));
        Assert.Equal(256L << 20, levels[1].GetProperty("resources").GetProperty("container").GetProperty("memoryLimitBytes").GetInt64());
        Assert.Contains("memory limit 256m", await File.ReadAllTextAsync(Path.Combine(_run.Output, "summary.md"), Ct), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("lots")]
    [InlineData("1m")]
    public async Task A_bad_target_memory_is_a_usage_error_naming_the_option(string value)
    {
        var outcome = await BenchExecutable.RunAsync(Ct, "run", _run.Scenario("bad", "async", "/hello", "1"), "--out", _run.Output, "--target-memory", value);

        Assert.Equal(2, outcome.ExitCode);
        Assert.Equal($"bench run: --target-memory '{value}' is not a memory size like 512m, 1g or 64MiB, at least 6m", Assert.Single(outcome.StderrLines));
        Assert.False(Directory.Exists(_run.Output));
    }

    [Fact]
    public async Task A_run_starts_by_removing_the_containers_of_a_run_that_was_killed()
    {
        using var engine = await DockerSupport.EngineAsync();
        var image = await ImageBuilder.EnsureAsync(engine, RepositoryFiles.Catalog().Find("async-docker")!.Container!.Image, Ct);
        var killed = new ContainerLabels(int.MaxValue, 1, $"killed{Guid.NewGuid():N}"[..16], TargetsBinary.RepositoryRoot());
        var parameters = new Docker.DotNet.Models.CreateContainerParameters
        {
            Image = image.Reference,
            Cmd = ["/nothing"],
            Labels = killed.For("async-docker"),
            HostConfig = new Docker.DotNet.Models.HostConfig { NetworkMode = "none" },
        };
        await engine.Client.Containers.CreateContainerAsync(parameters, Ct);
        try
        {
            // Process targets only: the clean-up does not wait for a docker target.
            var outcome = await BenchExecutable.RunAsync(Ct, "run", _run.Scenario("after", "async", "/hello", "1"), "--out", _run.Output);

            Assert.True(outcome.ExitCode == 0, outcome.Stdout + outcome.Stderr);
            Assert.Empty(await LeftoverContainers.ListAsync(engine.Client, ContainerLabels.LauncherKey, killed.Launcher, Ct));
        }
        finally
        {
            await LeftoverContainers.RemoveLauncherAsync(engine.Client, killed.Launcher, CancellationToken.None);
        }
    }

    [Fact]
    public async Task Sigint_mid_run_leaves_no_container()
    {
        string output = _run.Output;
        using var process = BenchExecutable.Start("run", _run.Scenario("long", "async-docker", "/hello", "1, 2, 4, 8", duration: "2s"), "--out", output);
        var finishing = BenchExecutable.FinishAsync(process, TimeSpan.FromSeconds(120), Ct);

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        deadline.CancelAfter(TimeSpan.FromSeconds(90));
        string results = Path.Combine(output, "results.json");
        string? runLabel = null;
        while (!File.Exists(results) || !(await File.ReadAllTextAsync(results, deadline.Token)).Contains("\"level\": 1", StringComparison.Ordinal) || runLabel is null)
        {
            runLabel ??= (await DockerSupport.ContainersOwnedByAsync(process.Id)).FirstOrDefault()?.Labels[ContainerLabels.RunKey];
            await Task.Delay(100, deadline.Token);
        }

        CtrlC.Send(process.Id);
        var outcome = await finishing;

        Assert.True(outcome.ExitCode == 130, outcome.Stdout + outcome.Stderr);
        Assert.Equal("run", runLabel); // the run's folder name: docker ps --filter label=bench.run=run finds them
        Assert.Empty(await DockerSupport.ContainersOwnedByAsync(process.Id));
    }

    [Fact]
    public async Task A_second_sigint_kills_at_once_and_still_leaves_no_container()
    {
        using var process = BenchExecutable.Start("run", _run.Scenario("twice", "async-docker", "/hello", "1, 2, 4, 8", duration: "2s"), "--out", _run.Output);
        var finishing = BenchExecutable.FinishAsync(process, TimeSpan.FromSeconds(120), Ct);

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        deadline.CancelAfter(TimeSpan.FromSeconds(90));
        while ((await DockerSupport.ContainersOwnedByAsync(process.Id)).Count == 0)
        {
            await Task.Delay(100, deadline.Token);
        }

        await Task.Delay(1500, deadline.Token); // inside the first level
        CtrlC.Send(process.Id);
        CtrlC.Send(process.Id);
        var outcome = await finishing;

        Assert.True(outcome.ExitCode == 130, outcome.Stdout + outcome.Stderr);
        Assert.Empty(await DockerSupport.ContainersOwnedByAsync(process.Id));
    }

    [Fact]
    public async Task A_too_small_memory_limit_is_reported_as_a_kill_for_memory()
    {
        var recipe = RepositoryFiles.Catalog().Find("async-docker")!.Container!.Image;
        string catalog = _run.Write("catalog.yaml", $$"""
            targets:
              - name: starved
                kind: docker
                description: the async model with less memory than the runtime needs
                command: ["{{TargetsBinary.Locate()}}", --model, async, --port, "{port}"]
                environment: { DOTNET_ROOT: "{{TargetCatalogLoader.DotnetRoot()}}" }
                image: { copy: [{{string.Join(", ", recipe.Copy.Select(p => $"\"{p}\""))}}], libraries: [{{string.Join(", ", recipe.Libraries)}}] }
                memory: 6m
                supports: [/hello]
            """);
        string output = _run.Output;

        using var process = BenchExecutable.StartWith(new Dictionary<string, string> { ["BENCH_CATALOG"] = catalog }, "run", _run.Scenario("oom", "starved", "/hello", "1"), "--out", output);
        var outcome = await BenchExecutable.FinishAsync(process, TimeSpan.FromSeconds(120), Ct);

        string said = outcome.Stdout + outcome.Stderr;
        Assert.True(outcome.ExitCode == 3, said);
        Assert.Contains("was killed for exceeding its memory limit of 6m (out of memory, exit code 137)", said, StringComparison.Ordinal);
        var verification = Assert.Single((await ScenarioResultsAsync(output)).GetProperty("verification").EnumerateArray());
        Assert.False(verification.GetProperty("valid").GetBoolean());
        Assert.Contains("killed for exceeding its memory limit of 6m", verification.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Empty(await DockerSupport.ContainersOwnedByAsync(process.Id));
    }

    [Fact]
    public async Task An_unreachable_engine_skips_the_docker_targets_with_one_clear_line_and_the_others_still_run()
    {
        string socket = $"unix:///tmp/bench-no-engine-{Guid.NewGuid():N}.sock";
        string output = _run.Output;

        using var process = BenchExecutable.StartWith(new Dictionary<string, string> { ["DOCKER_HOST"] = socket }, "run", _run.Scenario("none", "async-docker, async", "/hello", "2"), "--out", output);
        var outcome = await BenchExecutable.FinishAsync(process, TimeSpan.FromSeconds(60), Ct);

        string said = outcome.Stdout + outcome.Stderr;
        Assert.True(outcome.ExitCode == 3, said);
        Assert.Contains($"Docker engine not reachable at {socket} (", said, StringComparison.Ordinal);
        Assert.Contains("; scripts/setup.sh docker starts one", said, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", said, StringComparison.Ordinal);
        var scenario = await ScenarioResultsAsync(output);
        var skipped = scenario.GetProperty("verification").EnumerateArray().Single(v => v.GetProperty("target").GetString() == "async-docker");
        Assert.StartsWith("target 'async-docker' skipped: Docker engine not reachable at", skipped.GetProperty("reason").GetString(), StringComparison.Ordinal);
        var results = scenario.GetProperty("results").EnumerateArray().ToArray();
        Assert.True(results.Length == 1, $"expected async's one level; bench said: {said}");
        var measured = results[0];
        Assert.Equal("async", measured.GetProperty("target").GetString());
        Assert.True(measured.GetProperty("valid").GetBoolean(), measured.GetProperty("invalidReason").GetString());
    }
}
