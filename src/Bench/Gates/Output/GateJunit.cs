using System.Xml.Linq;

namespace Bench.Gates.Output;

/// <summary>
/// JUnit XML so CI systems list each gate check as a test case: one suite per scenario, a failure per failed gate,
/// an error per invalid one, and a "run is valid" case erring when the run as a whole is not fit to gate on.
/// </summary>
public static class GateJunit
{
    public static string Write(GateReport report)
    {
        var suites = report.Checks.GroupBy(c => c.Scenario).Select(g => Suite(g.Key, g.Select(Case).ToArray())).ToList();
        if (report.RunProblems.Count > 0)
        {
            var validity = new XElement("testcase", new XAttribute("name", "the run is valid"), new XAttribute("classname", "bench.gates.run"));
            validity.Add(new XElement("error", new XAttribute("type", "InvalidRun"), new XAttribute("message", string.Join("; ", report.RunProblems))));
            suites.Add(Suite("run", [validity]));
        }

        var root = new XElement(
            "testsuites",
            new XAttribute("name", "bench gates"),
            new XAttribute("tests", suites.Sum(s => (int)s.Attribute("tests")!)),
            new XAttribute("failures", suites.Sum(s => (int)s.Attribute("failures")!)),
            new XAttribute("errors", suites.Sum(s => (int)s.Attribute("errors")!)),
            suites);
        return new XDeclaration("1.0", "utf-8", null) + "\n" + new XDocument(root) + "\n";
    }

    private static XElement Suite(string name, XElement[] cases) => new(
        "testsuite",
        new XAttribute("name", name),
        new XAttribute("tests", cases.Length),
        new XAttribute("failures", cases.Count(c => c.Element("failure") is not null)),
        new XAttribute("errors", cases.Count(c => c.Element("error") is not null)),
        new XAttribute("skipped", 0),
        cases);

    private static XElement Case(GateCheck check)
    {
        var element = new XElement("testcase", new XAttribute("name", check.Gate), new XAttribute("classname", $"bench.gates.{check.Scenario}"));
        if (check.Source.Line > 0)
        {
            element.Add(new XAttribute("file", check.Source.File), new XAttribute("line", check.Source.Line));
        }

        string details = $"gate: {check.Written} ({check.Source})\nexpected: {check.Expected}\nmeasured: {check.Measured}\nmargin: {check.Margin}" + (check.Note is null ? "" : $"\nnote: {check.Note}");
        switch (check.Status)
        {
            case GateStatus.Failed:
                element.Add(new XElement("failure", new XAttribute("type", "GateFailed"), new XAttribute("message", $"measured {check.Measured}; expected {check.Expected}; margin {check.Margin}"), details));
                break;
            case GateStatus.Invalid:
                element.Add(new XElement("error", new XAttribute("type", "InvalidRun"), new XAttribute("message", check.Note ?? "invalid"), details));
                break;
            default:
                element.Add(new XElement("system-out", details));
                break;
        }

        return element;
    }
}
