using Bench.Reports;
using Bench.Results;
using Bench.Tests.Support;

namespace Bench.Tests.Reports;

/// <summary>Runs that end early or hold odd data still get a report: what is there is drawn, what is missing is said.</summary>
public sealed class ReportEdgeCaseTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly string _dir = Directory.CreateTempSubdirectory("bench-report-edge-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private async Task<(ReportFiles Files, string Html)> ReportAsync(params ScenarioResults[] scenarios)
    {
        var files = await ReportWriter.WriteAsync(_dir, RunResults.Start(SampleResults.Run()) with { Scenarios = scenarios }, Ct);
        return (files, await File.ReadAllTextAsync(files.HtmlPath, Ct));
    }

    private static ScenarioResults Io(IReadOnlyList<TargetVerification> verification, IReadOnlyList<LevelResult> levels) =>
        new("io", ScenarioDefinition.From(SampleResults.Scenario()), verification, levels);

    [Fact]
    public async Task A_run_interrupted_before_any_scenario_says_so_and_draws_nothing()
    {
        var (files, html) = await ReportAsync();

        Assert.Empty(files.ChartPaths);
        Assert.Contains("The run did not finish", html, StringComparison.Ordinal);
        Assert.Contains("The run recorded no scenario.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_scenario_whose_targets_all_failed_verification_has_no_charts_and_names_the_reasons()
    {
        var (files, html) = await ReportAsync(Io([new TargetVerification("sync", false, "not ready within 15 s")], []));

        Assert.Empty(files.ChartPaths);
        Assert.Contains("<b>sync</b> failed verification and was not measured: not ready within 15 s", html, StringComparison.Ordinal);
        Assert.Contains("No level was measured.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_level_one_or_a_readable_histogram_the_model_and_the_percentile_chart_are_left_out_with_a_reason()
    {
        // SampleResults' histogram text is not an HDR encoding, and its levels are 64 only here.
        var (files, html) = await ReportAsync(Io([], [SampleResults.Level("sync", 64, 1, 48), SampleResults.Level("sync", 64, 2, 50), SampleResults.Level("async", 64, 1, 3000, valid: false)]));

        Assert.Equal(12, files.ChartPaths.Count);
        Assert.DoesNotContain(files.ChartPaths, p => p.Contains("percentiles", StringComparison.Ordinal));
        Assert.Contains("No model: level 1 was not measured, and the model starts from it.", html, StringComparison.Ordinal);
        Assert.Contains("<td>median of 2 repeats</td>", html.Replace("<td class=\"notes\">", "<td>", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_docker_target_names_the_image_it_ran_and_a_process_names_none()
    {
        var verification = new[]
        {
            new TargetVerification("sync", true, null),
            new TargetVerification("sync-docker", true, null) { Image = "bench-target:0123456789abcdef" },
        };

        var (_, html) = await ReportAsync(Io(verification, [SampleResults.Level("sync", 64, 1, 48)]));

        Assert.Contains("Containers: sync-docker ran bench-target:0123456789abcdef", html, StringComparison.Ordinal);
        Assert.DoesNotContain("sync ran", html, StringComparison.Ordinal);
    }
}
