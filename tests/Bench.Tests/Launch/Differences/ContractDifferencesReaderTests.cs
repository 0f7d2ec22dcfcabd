using Bench.Launch;
using Bench.Launch.Differences;
using Bench.Tests.Support;

namespace Bench.Tests.Launch.Differences;

public sealed class ContractDifferencesReaderTests
{
    private static readonly Dictionary<string, string> Placeholders = new() { ["targets_bin"] = "/bin/targets", ["repo"] = "/repo" };

    private static TargetCatalog Parse(string differences) => TargetCatalogLoader.Parse(
        $"""
        targets:
          - name: a
            description: a server with its own ways
            command: [server, "{"{port}"}"]
            readiness: {"{ http: /hello }"}
            supports: [/hello]
        {differences}
        """, "t.yaml", Placeholders);

    private static string[] ErrorsOf(string differences) =>
        Assert.Throws<CatalogException>(() => Parse(differences)).Errors.Select(e => e.ToString()).ToArray();

    [Fact]
    public void Given_recorded_differences_when_loaded_then_each_check_has_its_status_close_and_reason()
    {
        var catalog = Parse("""
                differences:
                  head over 8 KiB: { status: 400, closes: true, why: "limits each line" }
                  malformed request line: { status: none, why: "answers HTTP/0.9" }
                  header timeout: { closes: false, why: "no timeout" }
            """);

        var differences = catalog.Find("a")!.Differences;
        Assert.Equal(new ContractDifference("head over 8 KiB", 400, true, "limits each line"), differences["head over 8 KiB"]);
        Assert.Equal(new ContractDifference("malformed request line", ContractDifference.NoStatusLine, null, "answers HTTP/0.9"), differences["malformed request line"]);
        Assert.Equal(new ContractDifference("header timeout", null, false, "no timeout"), differences["header timeout"]);
        Assert.Equal("no status line", differences["malformed request line"].Summary);
        Assert.Equal("status 400, closes", differences["head over 8 KiB"].Summary);
    }

    [Fact]
    public void Given_no_differences_when_loaded_then_the_contract_holds_everywhere()
    {
        Assert.Empty(Parse("").Find("a")!.Differences);
    }

    [Fact]
    public void Given_wrong_differences_when_loaded_then_each_problem_is_reported_with_its_position()
    {
        var errors = ErrorsOf("""
                differences:
                  keep alive: { closes: true, why: "x" }
                  header timeout: { status: 408, closes: false, why: "x" }
                  head over 8 KiB: { status: 999, why: "x" }
                  transfer encoding: { closes: maybe, why: "x" }
                  binary garbage: { status: 400 }
                  zero yield: { why: "nothing differs" }
                  pipelining: true
            """);

        Assert.Equal(
        [
            "t.yaml:8:7: targets[0].differences: unknown check 'keep alive'; known: " + string.Join(", ", ContractChecks.All),
            "t.yaml:9:25: targets[0].differences.header timeout: unknown field 'status'; allowed: closes, why",
            "t.yaml:10:34: targets[0].differences.head over 8 KiB.status: found '999'; expected a whole number from 100 to 599",
            "t.yaml:11:36: targets[0].differences.transfer encoding.closes: found 'maybe'; expected true or false",
            "t.yaml:12:23: targets[0].differences.binary garbage: 'why' is missing; expected one sentence saying why it differs",
            "t.yaml:13:19: targets[0].differences.zero yield: expected what differs, like { status: 400 (or none), closes: true, why: \"one sentence\" }",
            "t.yaml:14:19: targets[0].differences.pipelining: found 'true'; expected { closes: true, why: \"one sentence\" }",
        ], errors);
    }

    [Fact]
    public void The_repository_catalogue_records_why_for_every_difference_of_the_flask_entries()
    {
        var catalog = RepositoryFiles.Catalog();

        foreach (string name in new[] { "flask-gunicorn-sync", "flask-gunicorn-sync-4", "flask-gunicorn-gthread", "flask-dev" })
        {
            var entry = catalog.Find(name)!;
            Assert.NotEmpty(entry.Differences);
            Assert.All(entry.Differences, d => Assert.False(string.IsNullOrWhiteSpace(d.Value.Why)));
            Assert.Equal(name, entry.Environment["BENCH_TARGET_NAME"]);
            Assert.Contains("flask", entry.Requires.PythonModules);
        }

        Assert.All(catalog.Targets.Where(t => t.Command[0] == TargetsBinary.Locate()), t => Assert.Empty(t.Differences));
    }

    [Fact]
    public void The_docs_list_every_recorded_difference_with_its_reason_and_no_other()
    {
        var lines = File.ReadAllLines(RepositoryFiles.PathOf("docs", "targets.md"));
        int header = Array.IndexOf(lines, "| entry | check | answers | why |");
        var documented = lines.Skip(header + 2).TakeWhile(l => l.StartsWith('|')).ToList();

        var recorded = RepositoryFiles.Catalog().Targets
            .SelectMany(t => t.Differences.Values.Select(d => $"| `{t.Name}` | {d.Check} | {d.Summary} | {d.Why} |"))
            .ToList();

        Assert.True(header > 0, "docs/targets.md has no table of differences");
        Assert.NotEmpty(recorded);
        Assert.Equal(recorded, documented);
    }
}
