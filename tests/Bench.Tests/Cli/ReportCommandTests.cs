using System.Text.Json;
using Bench.Tests.Support;

namespace Bench.Tests.Cli;

/// <summary>`bench report &lt;run-dir&gt;` end to end, on the committed fixture (a results.json as bench run writes it) and on bad input.</summary>
public sealed class ReportCommandTests : IDisposable
{
    private static readonly string Fixture = RepositoryFiles.PathOf("tests", "Bench.Tests", "Reports", "Fixtures", "results.json");

    private readonly string _dir = Directory.CreateTempSubdirectory("bench-report-cli-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task A_run_folder_gets_its_charts_and_report_from_results_json_alone_silently()
    {
        File.Copy(Fixture, Path.Combine(_dir, "results.json"));

        var outcome = await BenchCommand.RunAsync("report", _dir);

        Assert.Equal(0, outcome.ExitCode);
        Assert.Empty(outcome.Stderr);   // nothing from Skia either (see DashedLine)
        Assert.Equal([Path.Combine(_dir, "report.html"), $"28 chart files in {Path.Combine(_dir, "charts")}"], outcome.Stdout.TrimEnd().Split('\n'));
        Assert.Equal(28, Directory.GetFiles(Path.Combine(_dir, "charts")).Length);
        Assert.Contains("<h2>io</h2>", await File.ReadAllTextAsync(Path.Combine(_dir, "report.html"), TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "{dir}/results.json: not found; a run folder holds the results.json that bench run wrote")]
    [InlineData("{ not json", "{dir}/results.json: not a results.json: ")]
    [InlineData("""{"schemaVersion": 2}""", "{dir}/results.json: not a results.json: ")]
    [InlineData("""{"schemaVersion": 1}""", "{dir}/results.json: schemaVersion 1; this Bench reads 2")]
    [InlineData("""{"schemaVersion": 7}""", "{dir}/results.json: schemaVersion 7; this Bench reads 2")]
    public async Task A_missing_or_bad_results_json_is_one_line_and_exit_code_two(string? content, string message)
    {
        if (content is not null)
        {
            await File.WriteAllTextAsync(Path.Combine(_dir, "results.json"), content, TestContext.Current.CancellationToken);
        }

        var outcome = await BenchCommand.RunAsync("report", _dir);

        Assert.Equal(2, outcome.ExitCode);
        string line = Assert.Single(outcome.Stderr.TrimEnd().Split('\n'));
        Assert.StartsWith("bench report: " + message.Replace("{dir}", _dir, StringComparison.Ordinal), line, StringComparison.Ordinal);
        Assert.Empty(outcome.Stdout);
        Assert.False(File.Exists(Path.Combine(_dir, "report.html")));
    }

    [Fact]
    public async Task A_folder_that_does_not_exist_is_one_line_and_exit_code_two()
    {
        var outcome = await BenchCommand.RunAsync("report", Path.Combine(_dir, "nope"));

        Assert.Equal(2, outcome.ExitCode);
        Assert.Equal($"bench report: {Path.Combine(_dir, "nope")}: no such folder", outcome.Stderr.TrimEnd());
    }

    [Fact]
    public async Task A_malformed_micro_json_beside_results_json_is_one_line_with_its_location_and_exit_code_two()
    {
        File.Copy(Fixture, Path.Combine(_dir, "results.json"));
        await File.WriteAllTextAsync(Path.Combine(_dir, "micro.json"), "{\n  \"schemaVersion\": one\n}", TestContext.Current.CancellationToken);

        var outcome = await BenchCommand.RunAsync("report", _dir);

        Assert.Equal(2, outcome.ExitCode);
        string line = Assert.Single(outcome.Stderr.TrimEnd().Split('\n'));
        Assert.StartsWith($"bench report: {Path.Combine(_dir, "micro.json")}:2:20: not a micro.json: ", line, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_dir, "report.html")));
    }

    [Fact]
    public void The_committed_fixture_is_a_results_json_the_schema_accepts()
    {
        using var schema = JsonDocument.Parse(File.ReadAllText(RepositoryFiles.PathOf("docs", "results.schema.json")));
        using var fixture = JsonDocument.Parse(File.ReadAllText(Fixture));

        Assert.Empty(JsonSchemaCheck.Problems(schema.RootElement, fixture.RootElement));
    }
}
