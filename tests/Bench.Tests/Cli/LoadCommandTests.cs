using System.Text.Json;
using Bench.Launch;
using Bench.Tests.Support;

namespace Bench.Tests.Cli;

/// <summary>`bench load` as a user runs it: a child process, its exit code, stdout, stderr and --json file.</summary>
public sealed class LoadCommandTests
{
    private const string Somewhere = "http://127.0.0.1:9/hello";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("is not a duration", Somewhere, "-d", "10x")]
    [InlineData("is not a duration", Somewhere, "--timeout", "5")]
    [InlineData("--think: 'soon' is not a duration like 10ms, or a range like 5ms..20ms", Somewhere, "--think", "soon")]
    [InlineData("is not duration:rate", Somewhere, "--stages", "10s")]
    [InlineData("connections must be at least 1", Somewhere, "-c", "0")]
    [InlineData("iterations belong to the closed model", Somewhere, "--rate", "100", "--iterations", "3")]
    [InlineData("think time and ramp-up belong to the closed model", Somewhere, "--rate", "100", "--think", "5ms")]
    [InlineData("is not an absolute URL", "127.0.0.1:8080/hello")]
    [InlineData("only http:// URLs", "https://127.0.0.1:8443/")]
    [InlineData("is not 'Name: value'", Somewhere, "-H", "NoColon")]
    [InlineData("does not exist", Somewhere, "--json", "/nonexistent-folder/out.json")]
    public async Task Bad_arguments_get_a_one_line_error_and_exit_code_2(string message, params string[] args)
    {
        var outcome = await BenchExecutable.RunAsync(Ct, ["load", .. args]);

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains(message, outcome.StderrLines[0], StringComparison.Ordinal);
        Assert.DoesNotContain(outcome.StderrLines, line => line.StartsWith("at ", StringComparison.Ordinal));
        Assert.Equal("", outcome.Stdout);
    }

    [Theory]
    [InlineData("http://example.com/")]
    [InlineData("http://10.1.2.3:8080/hello")]
    [InlineData("http://[2001:db8::1]/")]
    public async Task A_url_that_is_not_loopback_is_refused_in_one_line_with_exit_code_2(string url)
    {
        var outcome = await BenchExecutable.RunAsync(Ct, "load", url, "-d", "1s");

        Assert.Equal(2, outcome.ExitCode);
        var line = Assert.Single(outcome.StderrLines);
        Assert.Contains("only loopback hosts are allowed", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_prints_a_summary_and_writes_the_json_document()
    {
        await using var server = await RunningTarget.StartAsync("async");
        string json = Path.Combine(Path.GetTempPath(), $"bench-load-{Guid.NewGuid():N}.json");
        try
        {
            var outcome = await BenchExecutable.RunAsync(Ct, "load", $"http://127.0.0.1:{server.Port}/hello", "-c", "4", "-d", "500ms", "--warmup", "200ms", "--json", json);

            Assert.Equal(0, outcome.ExitCode);
            Assert.Contains("requests", outcome.Stdout, StringComparison.Ordinal);
            using var document = JsonDocument.Parse(await File.ReadAllTextAsync(json, Ct));
            var root = document.RootElement;
            Assert.True(root.GetProperty("requests").GetInt64() > 0);
            Assert.True(root.GetProperty("throughputRps").GetDouble() > 0);
            foreach (string key in new[] { "mean", "p50", "p90", "p99", "p999", "max" })
            {
                Assert.True(root.GetProperty("latencyMs").GetProperty(key).GetDouble() > 0, key);
            }

            Assert.True(root.GetProperty("latencyMsCorrectedLikeWrk").GetProperty("p50").GetDouble() > 0);
            Assert.Equal(0, root.GetProperty("errorCount").GetInt64());
            Assert.Equal(JsonValueKind.Object, root.GetProperty("errors").ValueKind);
            Assert.True(root.GetProperty("generator").GetProperty("cpuSeconds").GetDouble() > 0);
            Assert.False(root.GetProperty("generator").GetProperty("saturated").GetBoolean());
            Assert.False(string.IsNullOrEmpty(root.GetProperty("histogram").GetString()));
        }
        finally
        {
            File.Delete(json);
        }
    }

    [Fact]
    public async Task Cpus_1_pins_every_thread_of_the_generator_to_the_highest_numbered_core()
    {
        await using var server = await RunningTarget.StartAsync("async");
        int highest = AllowedCpus(File.ReadAllLines("/proc/self/status")).Max();
        using var bench = BenchExecutable.Start("load", $"http://127.0.0.1:{server.Port}/hello", "-c", "2", "-d", "20s", "--cpus", "1");
        var outcome = BenchExecutable.FinishAsync(bench, TimeSpan.FromSeconds(30), Ct);

        // Pinned once the run is under way: how long start-up takes depends on the machine's load (a fixed 1.5 s was
        // too short in a loaded CI run), so look until every thread is pinned or 15 s have passed.
        int[][] threads = [];
        for (var clock = System.Diagnostics.Stopwatch.StartNew(); clock.Elapsed < TimeSpan.FromSeconds(15); await Task.Delay(200, Ct))
        {
            threads = ThreadCpus(bench.Id);
            if (threads.Length > 5 && threads.All(cpus => cpus.SequenceEqual([highest])))
            {
                break;
            }
        }

        CtrlC.Send(bench.Id);
        await outcome;

        Assert.True(threads.Length > 5, $"only {threads.Length} threads seen");
        Assert.All(threads, cpus => Assert.Equal([highest], cpus));
    }

    /// <summary>Each live thread's allowed CPUs; a thread that ends while it is read is left out.</summary>
    private static int[][] ThreadCpus(int pid) =>
        [.. Directory.GetDirectories($"/proc/{pid}/task").Select(task =>
        {
            try
            {
                return AllowedCpus(File.ReadAllLines(Path.Combine(task, "status")));
            }
            catch (IOException)
            {
                return null;
            }
        }).OfType<int[]>()];

    /// <summary>The CPUs in a /proc status file's Cpus_allowed_list ("0-1", "1", "0,2-3").</summary>
    private static int[] AllowedCpus(string[] status)
    {
        string list = status.Single(line => line.StartsWith("Cpus_allowed_list:", StringComparison.Ordinal)).Split(':')[1].Trim();
        return list.Split(',').SelectMany(range =>
        {
            var ends = range.Split('-').Select(int.Parse).ToArray();
            return Enumerable.Range(ends[0], ends[^1] - ends[0] + 1);
        }).ToArray();
    }

    [Fact]
    public async Task Ctrl_c_stops_the_run_promptly_prints_what_was_measured_and_exits_130()
    {
        await using var server = await RunningTarget.StartAsync("async");
        using var bench = BenchExecutable.Start("load", $"http://127.0.0.1:{server.Port}/hello", "-c", "2", "-d", "60s");
        var outcome = BenchExecutable.FinishAsync(bench, TimeSpan.FromSeconds(30), Ct);
        await Task.Delay(1500, Ct);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        CtrlC.Send(bench.Id);
        var result = await outcome;

        Assert.Equal(130, result.ExitCode);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"took {clock.Elapsed.TotalMilliseconds:0} ms to stop");
        Assert.Contains("Cancelled", result.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"requests\s+[1-9]", result.Stdout);
    }
}
