using System.Text.Json;
using Bench.Results;
using Bench.Launch.Sampling;
using Bench.Tests.Support;

namespace Bench.Tests.Cli;

/// <summary>`bench run` end to end: the real executable, real targets, results read back from disk.</summary>
public sealed class RunCommandTests : IDisposable
{
    private readonly RunFolder _run = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _run.Dispose();


    [Fact]
    public async Task A_tiny_sweep_writes_every_level_with_every_field()
    {
        string scenario = _run.Scenario("tiny", "sync, async", "/io?ms=10", "1, 4");
        string output = _run.Output;

        var outcome = await BenchExecutable.RunAsync(Ct, "run", scenario, "--out", output);

        Assert.True(outcome.ExitCode == 0, outcome.Stderr + outcome.Stdout);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "results.json"), Ct));
        var root = json.RootElement;
        Assert.Equal(RunResults.CurrentSchemaVersion, root.GetProperty("schemaVersion").GetInt32());
        Assert.Equal("0", root.GetProperty("run").GetProperty("pinning").GetProperty("targetCpus").GetString());
        var pinning = root.GetProperty("run").GetProperty("pinning");
        var cpu = Bench.Launch.Cgroups.CgroupHost.System.Cpu;
        Assert.Equal(cpu.Reason, pinning.GetProperty("noQuotaReason").GetString());
        Assert.Equal(cpu.Version?.ToString().ToLowerInvariant(), pinning.GetProperty("cgroup").GetString());
        Assert.Equal(cpu.Reason is null ? "" : $"bench run: targets run without a CPU quota: {cpu.Reason}",
            outcome.Stdout.Split('\n').SingleOrDefault(l => l.Contains("without a CPU quota", StringComparison.Ordinal)) ?? "");
        Assert.NotEqual(JsonValueKind.Null, root.GetProperty("run").GetProperty("endedAt").ValueKind);
        var run = root.GetProperty("scenarios")[0];
        Assert.Equal("tiny", run.GetProperty("name").GetString());
        Assert.All(run.GetProperty("verification").EnumerateArray(), v => Assert.True(v.GetProperty("valid").GetBoolean()));
        // The catalogue's declared limits go with the results, for the queueing model: sync serves one at a time, async any.
        var limits = run.GetProperty("verification").EnumerateArray().ToDictionary(v => v.GetProperty("target").GetString()!, v => v.GetProperty("concurrencyLimit"));
        Assert.Equal(1, limits["sync"].GetInt32());
        Assert.Equal(JsonValueKind.Null, limits["async"].ValueKind);
        var results = run.GetProperty("results").EnumerateArray().ToArray();
        Assert.Equal(["sync@1", "sync@4", "async@1", "async@4"], results.Select(r => $"{r.GetProperty("target").GetString()}@{r.GetProperty("level").GetInt32()}"));
        foreach (var r in results)
        {
            Assert.True(r.GetProperty("requests").GetInt64() > 10);
            Assert.True(r.GetProperty("throughputRps").GetDouble() > 10);
            Assert.InRange(r.GetProperty("latencyMs").GetProperty("p50").GetDouble(), 9.5, 500);
            Assert.True(r.GetProperty("durationSeconds").GetDouble() >= 0.9);
            Assert.True(r.GetProperty("resources").GetProperty("peakRssBytes").GetInt64() > 1_000_000);
            Assert.True(r.GetProperty("resources").GetProperty("maxThreads").GetInt32() >= 1);
            Assert.True(r.GetProperty("generator").GetProperty("cpuSeconds").GetDouble() > 0);
            Assert.True(r.GetProperty("valid").GetBoolean(), r.GetProperty("invalidReason").GetString());
            Assert.False(string.IsNullOrEmpty(r.GetProperty("histogram").GetString()));
            Assert.NotEmpty(r.GetProperty("perSecond").EnumerateArray());
        }

        // The lesson in miniature: at 4 connections async serves about 4× what sync does.
        double Rps(int i) => results[i].GetProperty("throughputRps").GetDouble();
        Assert.True(Rps(3) > 2.5 * Rps(1), $"async@4 {Rps(3):0} req/s vs sync@4 {Rps(1):0}");
        Assert.True(File.Exists(Path.Combine(output, "summary.csv")));
        Assert.Contains("| async | 4 |", await File.ReadAllTextAsync(Path.Combine(output, "summary.md"), Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_without_a_quota_says_why_in_one_line_at_the_start_and_records_it()
    {
        string scenario = _run.Scenario("noquota", "async", "/hello", "1", duration: "300ms");
        string output = _run.Output;

        var outcome = await BenchExecutable.RunAsync(Ct, "run", scenario, "--out", output, "--target-quota", "0");

        Assert.True(outcome.ExitCode == 0, outcome.Stderr + outcome.Stdout);
        Assert.Equal("bench run: targets run without a CPU quota: --target-quota 0", outcome.Stdout.Split('\n')[1].TrimEnd());
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "results.json"), Ct));
        var pinning = json.RootElement.GetProperty("run").GetProperty("pinning");
        Assert.Equal(JsonValueKind.Null, pinning.GetProperty("targetCpuQuota").ValueKind);
        Assert.Equal("--target-quota 0", pinning.GetProperty("noQuotaReason").GetString());
        Assert.Equal(JsonValueKind.Null, pinning.GetProperty("cgroup").ValueKind);
    }

    [Fact]
    public async Task A_target_that_cannot_start_is_invalid_while_the_others_still_run()
    {
        string catalog = _run.Write("catalog.yaml", $"""
            targets:
              - name: bogus
                description: a command that does not exist
                command: ["/nonexistent/server", --port, "{"{port}"}"]
                supports: [/hello, /io, /cpu, /blocking, /info]
              - name: async
                description: the real thing
                command: ["{Bench.Launch.TargetsBinary.Locate()}", --model, async, --port, "{"{port}"}"]
                supports: [/hello, /io, /cpu, /blocking, /info]
            """);
        string scenario = _run.Scenario("mixed", "bogus, async", "/hello", "2");
        string output = _run.Output;

        using var process = BenchExecutable.StartWith(new Dictionary<string, string> { ["BENCH_CATALOG"] = catalog }, "run", scenario, "--out", output);
        var outcome = await BenchExecutable.FinishAsync(process, TimeSpan.FromSeconds(60), Ct);

        string said = outcome.Stdout + outcome.Stderr;
        Assert.True(outcome.ExitCode == 3, said);
        Assert.True(said.Contains("bogus: INVALID", StringComparison.Ordinal) && said.Contains("/nonexistent/server", StringComparison.Ordinal), said);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "results.json"), Ct));
        var run = json.RootElement.GetProperty("scenarios")[0];
        var bogus = run.GetProperty("verification").EnumerateArray().Single(v => v.GetProperty("target").GetString() == "bogus");
        Assert.False(bogus.GetProperty("valid").GetBoolean());
        Assert.Contains("/nonexistent/server", bogus.GetProperty("reason").GetString(), StringComparison.Ordinal);
        var async = Assert.Single(run.GetProperty("results").EnumerateArray());
        Assert.Equal("async", async.GetProperty("target").GetString());
        Assert.True(async.GetProperty("requests").GetInt64() > 0);
        // The run itself finished: the target that could not start is recorded as such, and gates read it as invalid.
        Assert.NotEqual(JsonValueKind.Null, json.RootElement.GetProperty("run").GetProperty("endedAt").ValueKind);
    }

    /// <summary>The folders under the temp folder named <paramref name="prefix"/>… that a process's command line names (NGINX's -p {dir}).</summary>
    private static IEnumerable<string> FoldersNamedBy(int pid, string prefix)
    {
        string temp = Path.GetTempPath();
        string[] arguments;
        try
        {
            // nginx rewrites its title ("nginx: master process nginx -p /tmp/bench-nginx-…"): words, not only arguments.
            arguments = File.ReadAllText($"/proc/{pid}/cmdline").Split(['\0', ' '], StringSplitOptions.RemoveEmptyEntries);
        }
        catch (IOException)
        {
            yield break; // it ended between the listing and the read
        }

        foreach (string argument in arguments.Where(a => a.StartsWith(temp + prefix, StringComparison.Ordinal)))
        {
            yield return Path.Combine(temp, argument[temp.Length..].Split('/')[0]);
        }
    }

    [Theory]
    [InlineData("async", "/io?ms=5", 1, false)]
    [InlineData("nginx", "/hello", 2, true)] // a master and a worker, and a folder of its own ({dir})
    public async Task Sigint_mid_run_keeps_the_finished_levels_and_leaves_no_child_alive(string target, string path, int processes, bool ownFolder)
    {
        string scenario = _run.Scenario("long", target, path, "1, 2, 4, 8", duration: "2s");
        string output = _run.Output;
        using var process = BenchExecutable.Start("run", scenario, "--out", output);
        var finishing = BenchExecutable.FinishAsync(process, TimeSpan.FromSeconds(60), Ct);

        string results = Path.Combine(output, "results.json");
        var children = new HashSet<int>();
        var folders = new HashSet<string>();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        deadline.CancelAfter(TimeSpan.FromSeconds(30));
        while (!File.Exists(results) || !(await File.ReadAllTextAsync(results, deadline.Token)).Contains("\"level\": 2", StringComparison.Ordinal))
        {
            var tree = ProcessTree.Of(process.Id, ProcFs.System).Select(p => p.Pid).Where(pid => pid != process.Id).ToArray();
            children.UnionWith(tree);
            // Only this run's folders: tests running beside this one start targets of the same name in folders of their own.
            folders.UnionWith(tree.SelectMany(pid => FoldersNamedBy(pid, $"bench-{target}-")));
            await Task.Delay(50, deadline.Token);
        }

        CtrlC.Send(process.Id);
        var outcome = await finishing;

        Assert.Equal(130, outcome.ExitCode);
        Assert.True(children.Count >= processes, $"saw {children.Count} child processes, expected at least {processes}");
        Assert.All(children, pid => Assert.False(Directory.Exists($"/proc/{pid}") && ProcFs.System.Stat(pid) is { IsZombie: false }, $"child {pid} survived"));
        Assert.Equal(ownFolder, folders.Count > 0);
        Assert.All(folders, dir => Assert.False(Directory.Exists(dir), $"{dir} is left behind"));
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(results, Ct));
        var levels = json.RootElement.GetProperty("scenarios")[0].GetProperty("results").EnumerateArray().Select(r => r.GetProperty("level").GetInt32()).ToArray();
        Assert.Contains(1, levels);
        Assert.Contains(2, levels);
        Assert.DoesNotContain(8, levels);
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("run").GetProperty("endedAt").ValueKind); // not a finished run
    }

    [Fact]
    public async Task An_unexpected_error_stops_the_run_with_exit_three_one_line_and_no_ended_at()
    {
        string scenario = _run.Scenario("broken", "async", "/hello", "1");
        string output = _run.Output;
        // summary.md cannot be replaced by a file: every write of the run folder fails after results.json.
        Directory.CreateDirectory(Path.Combine(output, "summary.md", "in-the-way"));

        var outcome = await BenchExecutable.RunAsync(Ct, "run", scenario, "--out", output);

        Assert.True(outcome.ExitCode == 3, outcome.Stderr + outcome.Stdout);
        Assert.StartsWith("bench run: stopped by an unexpected error: ", Assert.Single(outcome.StderrLines), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(output, "error.log")));
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "results.json"), Ct));
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("run").GetProperty("endedAt").ValueKind);
    }

    [Fact]
    public async Task A_target_that_dies_mid_level_records_its_exit_code_and_is_restarted_for_the_next_level()
    {
        string scenario = _run.Scenario("crash", "async", "/io?ms=5", "1, 2", duration: "2s");
        string output = _run.Output;
        using var process = BenchExecutable.Start("run", scenario, "--out", output);
        var finishing = BenchExecutable.FinishAsync(process, TimeSpan.FromSeconds(60), Ct);

        await KillTheTargetMidLevelAsync(process, output);
        var outcome = await finishing;

        Assert.True(outcome.ExitCode == 3, outcome.Stdout + outcome.Stderr); // a level with a dead target is invalid
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "results.json"), Ct));
        var results = json.RootElement.GetProperty("scenarios")[0].GetProperty("results").EnumerateArray().ToArray();
        Assert.Equal(2, results.Length);
        Assert.NotEqual(JsonValueKind.Null, results[0].GetProperty("targetExitCode").ValueKind);
        Assert.False(results[0].GetProperty("valid").GetBoolean());
        Assert.Contains("exited", results[0].GetProperty("invalidReason").GetString(), StringComparison.Ordinal);
        Assert.True(results[1].GetProperty("valid").GetBoolean(), results[1].GetProperty("invalidReason").GetString());
        Assert.True(results[1].GetProperty("requests").GetInt64() > 0, "the restarted target served level 2");
        Assert.Contains("restarted before level 2", outcome.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_target_that_dies_and_cannot_be_restarted_ends_its_levels_with_the_reason_not_a_crash()
    {
        string marker = Path.Combine(_run.Path, "started-once");
        string catalog = _run.Write("catalog.yaml", $$"""
            targets:
              - name: once
                description: starts the first time only
                command: [bash, -c, 'if [ -e "$0" ]; then echo "refusing to start twice" >&2; exit 1; fi; touch "$0"; exec "{{Bench.Launch.TargetsBinary.Locate()}}" --model async --port 0', "{{marker}}"]
                supports: [/hello, /io, /cpu, /blocking, /info]
            """);
        string scenario = _run.Scenario("restart", "once", "/io?ms=5", "1, 2, 4", duration: "2s");
        using var process = BenchExecutable.StartWith(new Dictionary<string, string> { ["BENCH_CATALOG"] = catalog }, "run", scenario, "--out", _run.Output);
        var finishing = BenchExecutable.FinishAsync(process, TimeSpan.FromSeconds(60), Ct);

        await KillTheTargetMidLevelAsync(process, _run.Output);
        var outcome = await finishing;

        string said = outcome.Stdout + outcome.Stderr;
        Assert.True(outcome.ExitCode == 3, said);
        Assert.DoesNotContain("   at ", said, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_run.Output, "results.json"), Ct));
        var results = json.RootElement.GetProperty("scenarios")[0].GetProperty("results").EnumerateArray().ToArray();
        // Every planned level has its record, so a gate sees why a level has no numbers rather than a missing cell.
        Assert.Equal([1, 2, 4], results.Select(r => r.GetProperty("level").GetInt32()));
        foreach (var notRun in results[1..])
        {
            Assert.False(notRun.GetProperty("valid").GetBoolean());
            string reason = notRun.GetProperty("invalidReason").GetString()!;
            Assert.StartsWith("not run: the target had to be restarted and could not be:", reason, StringComparison.Ordinal);
            Assert.Contains("refusing to start twice", reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_cpu_heavy_level_records_cpu_per_request()
    {
        string scenario = _run.Scenario("cpu", "async", "/cpu?n=20000", "2");
        string output = _run.Output;

        var outcome = await BenchExecutable.RunAsync(Ct, "run", scenario, "--out", output);

        Assert.True(outcome.ExitCode == 0, outcome.Stderr + outcome.Stdout);
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "results.json"), Ct));
        var level = json.RootElement.GetProperty("scenarios")[0].GetProperty("results")[0];
        var resources = level.GetProperty("resources");
        Assert.True(resources.GetProperty("cpuSeconds").GetDouble() > 0.1, $"cpu seconds {resources.GetProperty("cpuSeconds")}");
        Assert.True(resources.GetProperty("cpuMsPerRequest").GetDouble() > 0.5, $"cpu ms per request {resources.GetProperty("cpuMsPerRequest")}");
    }

    [Fact]
    public async Task A_bad_scenario_file_is_an_error_with_its_line_and_nothing_is_launched()
    {
        string scenario = _run.Write("bad.yaml", "name: bad\ndescription: x\ntargets: [async]\nrequest: { path: /hello }\nload: { model: closed, levels: [], durration: 1s }\n");

        var outcome = await BenchExecutable.RunAsync(Ct, "run", scenario, "--out", _run.Output);

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("bad.yaml:5:", outcome.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_run.Output));
    }

    /// <summary>
    /// Kills bench's target in the middle of level 1 (after verification, during the measured window): the child
    /// still alive 1.5 s after it was seen (a short-lived one, such as the `git rev-parse` of the run's start, is not it).
    /// </summary>
    private static async Task KillTheTargetMidLevelAsync(System.Diagnostics.Process bench, string output)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        deadline.CancelAfter(TimeSpan.FromSeconds(45));
        // Past readiness and verification, which the run records in results.json before level 1 starts (a fixed wait
        // from the target's start once landed inside verification on a machine losing a third of its CPU to steal),
        // and inside the 0.3 s warm-up plus 2 s level that follow.
        while (!await VerifiedAsync(output))
        {
            await Task.Delay(50, deadline.Token);
        }

        await Task.Delay(1000, deadline.Token);
        System.Diagnostics.Process.GetProcessById(Children(bench).First()).Kill();
    }

    /// <summary>True once the run's results.json records a verified target.</summary>
    private static async Task<bool> VerifiedAsync(string output)
    {
        try
        {
            using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(output, "results.json"), Ct));
            return json.RootElement.GetProperty("scenarios").EnumerateArray()
                .Any(s => s.GetProperty("verification").EnumerateArray().Any(v => v.GetProperty("valid").GetBoolean()));
        }
        catch (Exception e) when (e is IOException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return false; // not written yet, or being written
        }
    }

    /// <summary>bench's live children but git, which it runs for a moment at the start to record the commit.</summary>
    private static int[] Children(System.Diagnostics.Process bench) =>
        ProcessTree.Of(bench.Id, ProcFs.System)
            .Where(p => p.Pid != bench.Id && !p.IsZombie && ReadComm(p.Pid) is { } name && name != "git")
            .Select(p => p.Pid)
            .ToArray();

    private static string? ReadComm(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/comm").Trim();
        }
        catch (IOException)
        {
            return null; // gone
        }
    }
}
