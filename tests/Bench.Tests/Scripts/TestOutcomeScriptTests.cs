using System.Diagnostics;
using System.Reflection;
using Bench.Tests.Support;

namespace Bench.Tests.Scripts;

/// <summary>
/// scripts/lib/test-outcome.sh, the end of scripts/test.sh, on small fake TRX files: passed, failed and skipped counted,
/// errors and crashes counted as failures, and under CI a skip that tests/expected-skips.txt does not list fails the run.
/// </summary>
public sealed class TestOutcomeScriptTests : IDisposable
{
    private const string Expected = "Bench.Tests.Docs.DesignTests.The_design_example_matches the design document is not in the repository";

    private readonly string _dir = Directory.CreateTempSubdirectory("bench-test-outcome-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static string Result(string name, string outcome, string? stdout = null) =>
        $"<UnitTestResult testName=\"{name}\" outcome=\"{outcome}\" testType=\"13cd\" testId=\"1\"" +
        (stdout is null ? " />" : $"><Output><StdOut>{stdout}</StdOut></Output></UnitTestResult>");

    private void Project(string name, int exitCode, string? trx)
    {
        File.WriteAllText(Path.Combine(_dir, $"{name}.exit"), $"{exitCode}\n");
        if (trx is not null)
        {
            File.WriteAllText(Path.Combine(_dir, $"{name}.trx"), trx);
        }
    }

    /// <summary>A TRX as xunit v3 writes it (one line): results, then the counters.</summary>
    private static string Trx(int passed, int failed, int skipped, int error = 0, params string[] results) =>
        $"<?xml version=\"1.0\" encoding=\"utf-8\"?><TestRun id=\"x\" xmlns=\"http://microsoft.com/schemas/VisualStudio/TeamTest/2010\"><Results>{string.Concat(results)}</Results>"
        + $"<ResultSummary outcome=\"Completed\"><Counters total=\"{passed + failed + skipped + error}\" executed=\"{passed + failed + error}\" passed=\"{passed}\" failed=\"{failed}\" error=\"{error}\" timeout=\"0\" aborted=\"0\" inconclusive=\"0\" passedButRunAborted=\"0\" notRunnable=\"0\" notExecuted=\"{skipped}\" disconnected=\"0\" warning=\"0\" completed=\"0\" inProgress=\"0\" pending=\"0\" /></ResultSummary></TestRun>";

    private async Task<(int ExitCode, string[] Lines)> RunAsync(bool ci, int extraFailures = 0)
    {
        string expected = Path.Combine(_dir, "expected-skips.txt");
        await File.WriteAllTextAsync(expected, $"# comment\n\n{Expected}\n", TestContext.Current.CancellationToken);
        var info = new ProcessStartInfo(RepositoryFiles.PathOf("scripts", "lib", "test-outcome.sh")) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string arg in new[] { _dir, expected, extraFailures.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment.Remove("CI");
        if (ci)
        {
            info.Environment["CI"] = "true";
        }

        using var script = Process.Start(info)!;
        string stdout = await script.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        string stderr = await script.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await script.WaitForExitAsync(TestContext.Current.CancellationToken);
        Assert.Equal("", stderr);
        return (script.ExitCode, stdout.TrimEnd().Split('\n'));
    }

    [Fact]
    public async Task Passed_failed_and_skipped_are_summed_over_every_project_in_the_summary_line()
    {
        Project("A.Tests", 1, Trx(3, 1, 1, 0, Result("A.Tests.X.Skipped one", "NotExecuted", "needs a thing")));
        Project("B.Tests", 0, Trx(2, 0, 0));

        var (code, lines) = await RunAsync(ci: false);

        Assert.Equal(1, code);
        Assert.Equal("tests: 5 passed, 1 failed, 1 skipped", lines[^1]);
    }

    [Fact]
    public async Task An_expected_skip_is_named_with_its_listed_reason_and_passes_under_ci()
    {
        Project("A.Tests", 0, Trx(4, 0, 1, 0, Result("Bench.Tests.Docs.DesignTests.The design example matches", "NotExecuted", "no ../shared/design.md"), Result("A.Tests.X.Ok", "Passed")));

        var (code, lines) = await RunAsync(ci: true);

        Assert.Equal(0, code);
        Assert.Equal(
            ["skipped (expected): Bench.Tests.Docs.DesignTests.The design example matches: the design document is not in the repository", "tests: 4 passed, 0 failed, 1 skipped"],
            lines);
    }

    [Fact]
    public async Task An_unlisted_skip_is_shown_with_its_reason_and_fails_only_under_ci()
    {
        Project("A.Tests", 0, Trx(4, 0, 1, 0, Result("A.Tests.CpuQuotaTests.A target under a quota(quota: 0.25)", "NotExecuted", "needs the cgroup cpu controller &amp; root")));

        var (localCode, local) = await RunAsync(ci: false);
        var (ciCode, ci) = await RunAsync(ci: true);

        Assert.Equal((0, "tests: 4 passed, 0 failed, 1 skipped"), (localCode, local[^1]));
        Assert.Equal("skipped: A.Tests.CpuQuotaTests.A target under a quota(quota: 0.25): needs the cgroup cpu controller & root (CI would fail on it)", local[0]);
        Assert.Equal((1, "tests: 4 passed, 1 failed, 1 skipped"), (ciCode, ci[^1]));
        Assert.StartsWith("skipped, not allowed under CI: A.Tests.CpuQuotaTests.A target under a quota(quota: 0.25): needs the cgroup cpu controller & root", ci[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_that_crashed_before_writing_results_is_a_failure_not_nothing()
    {
        Project("A.Tests", 0, Trx(4, 0, 0));
        Project("B.Tests", 134, trx: null);

        var (code, lines) = await RunAsync(ci: false);

        Assert.Equal(1, code);
        Assert.Equal(["error: B.Tests's test run ended with exit code 134 and wrote no results (crashed or aborted)", "tests: 4 passed, 1 failed, 0 skipped"], lines);
    }

    [Fact]
    public async Task Errors_in_a_trx_and_a_runner_failing_with_nothing_failed_both_count()
    {
        Project("A.Tests", 1, Trx(4, 0, 0, error: 2));
        Project("B.Tests", 2, Trx(1, 0, 0));

        var (code, lines) = await RunAsync(ci: false);

        Assert.Equal(1, code);
        Assert.Contains(lines, l => l.StartsWith("error: A.Tests: 2 test(s) ended in an error", StringComparison.Ordinal));
        Assert.Contains("error: B.Tests's test runner exited with code 2 though no test failed", lines);
        Assert.Equal("tests: 5 passed, 3 failed, 0 skipped", lines[^1]);
    }

    [Fact]
    public async Task Failures_found_by_test_sh_itself_and_a_run_with_nothing_passed_fail()
    {
        Project("A.Tests", 0, Trx(4, 0, 0));
        var (leftoverCode, leftover) = await RunAsync(ci: false, extraFailures: 1);
        File.Delete(Path.Combine(_dir, "A.Tests.exit"));
        var (emptyCode, empty) = await RunAsync(ci: false);

        Assert.Equal((1, "tests: 4 passed, 1 failed, 0 skipped"), (leftoverCode, leftover[^1]));
        Assert.Equal((1, "tests: 0 passed, 0 failed, 0 skipped"), (emptyCode, empty[^1]));
    }

    [Fact]
    public void Every_listed_expected_skip_names_a_test_that_exists()
    {
        var tests = typeof(TestOutcomeScriptTests).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods().Where(m => m.GetCustomAttributes<FactAttribute>().Any()).Select(m => $"{t.FullName}.{m.Name}"))
            .ToHashSet();
        var listed = File.ReadAllLines(RepositoryFiles.PathOf("tests", "expected-skips.txt"))
            .Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => l.Split(' ', 2)).ToArray();

        Assert.NotEmpty(listed);
        Assert.All(listed, entry =>
        {
            Assert.Contains(entry[0], tests);
            Assert.True(entry.Length == 2 && entry[1].Length > 10, $"{entry[0]} has no reason");
        });
    }
}
