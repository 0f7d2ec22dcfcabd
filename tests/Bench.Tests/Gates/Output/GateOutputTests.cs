using System.Xml.Linq;
using Bench.Configuration;
using Bench.Gates;
using Bench.Gates.Output;

namespace Bench.Tests.Gates.Output;

/// <summary>The JUnit XML parses and lists every check; the Markdown shows each one on a row.</summary>
public sealed class GateOutputTests
{
    private static readonly SourceLocation Where = new("scenarios/io.yaml", 7, 6);

    private static readonly GateReport Report = new(
    [
        new GateCheck("io", "async@64 p99 < 30ms", "async@64 p99 < 30ms", Where, "< 30 ms", "25.5 ms", "+4.5 ms (+15%)", GateStatus.Passed, null),
        new GateCheck("io", "sync@64 errorRate < 1%", "*@64 errorRate < 1%", Where with { Line = 8 }, "< 1%", "93.75%", "-92.75% (-9275%)", GateStatus.Failed, null),
        new GateCheck("hello", "async@1 throughput >= 10", "async@* throughput >= 10", Where, ">= 10 req/s", "not measured", "", GateStatus.Invalid, "async failed verification: 500 | boom"),
    ],
    ["the run did not finish (results.json has no run.endedAt)"]);

    [Fact]
    public void The_junit_xml_parses_and_lists_every_check_with_failures_and_errors_counted()
    {
        var xml = XDocument.Parse(GateJunit.Write(Report));

        var root = xml.Root!;
        Assert.Equal(("testsuites", "4", "1", "2"), (root.Name.LocalName, (string?)root.Attribute("tests"), (string?)root.Attribute("failures"), (string?)root.Attribute("errors")));
        var cases = root.Descendants("testcase").ToArray();
        Assert.Equal(["async@64 p99 < 30ms", "sync@64 errorRate < 1%", "async@1 throughput >= 10", "the run is valid"], cases.Select(c => (string?)c.Attribute("name")));
        Assert.Equal(["io", "hello", "run"], root.Elements("testsuite").Select(s => (string?)s.Attribute("name")));
        Assert.Null(cases[0].Element("failure"));
        Assert.Equal("measured 93.75%; expected < 1%; margin -92.75% (-9275%)", (string?)cases[1].Element("failure")!.Attribute("message"));
        Assert.Equal(("scenarios/io.yaml", "8"), ((string?)cases[1].Attribute("file"), (string?)cases[1].Attribute("line")));
        Assert.Equal("async failed verification: 500 | boom", (string?)cases[2].Element("error")!.Attribute("message"));
        Assert.NotNull(cases[3].Element("error"));
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>", GateJunit.Write(Report), StringComparison.Ordinal);
    }

    [Fact]
    public void The_markdown_gives_the_verdict_the_run_s_problems_and_one_row_per_check()
    {
        string md = GateMarkdown.Write(Report);

        Assert.StartsWith("## Bench gates: run INVALID\n\n3 gate checks: 1 passed, 1 failed, 1 invalid — RUN INVALID: not gated\n", md, StringComparison.Ordinal);
        Assert.Contains("- the run did not finish (results.json has no run.endedAt)\n", md, StringComparison.Ordinal);
        Assert.Contains("| ❌ **FAIL** | io | `sync@64 errorRate < 1%` (scenarios/io.yaml:8:6) | < 1% | 93.75% | -92.75% (-9275%) |  |\n", md, StringComparison.Ordinal);
        Assert.Contains("async failed verification: 500 \\| boom", md, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_a_gate_with_an_explanation_the_markdown_shows_it_beside_the_outcome()
    {
        var explained = new GateReport([Report.Checks[0] with { Why = "async waits on | timers, not threads" }, Report.Checks[1]], []);

        string md = GateMarkdown.Write(explained);

        Assert.Contains("| result | scenario | gate | expected | measured | margin | note | why |\n|---|---|---|---|---|---|---|---|\n", md, StringComparison.Ordinal);
        Assert.Contains("| ✅ pass | io | `async@64 p99 < 30ms` (scenarios/io.yaml:7:6) | < 30 ms | 25.5 ms | +4.5 ms (+15%) |  | async waits on \\| timers, not threads |\n", md, StringComparison.Ordinal);
        Assert.Contains("| -92.75% (-9275%) |  |  |\n", md, StringComparison.Ordinal);
        Assert.DoesNotContain(" why |", GateMarkdown.Write(Report), StringComparison.Ordinal);
    }
}
