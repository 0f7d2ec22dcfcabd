using Bench.Gates;
using Bench.Gates.Syntax;

namespace Bench.Results;

/// <summary>
/// A scenario's gates as summary.md and report.html show them: each written gate with its outcome on this run (one
/// per check when <c>*</c> expands it) and the sentence saying why it should hold. The outcome is this run's numbers
/// against the gate; `bench gate` gives the verdict (with regression gates, which need the baseline, and repeats rules).
/// </summary>
public sealed record GateLines(GateDefinition Gate, IReadOnlyList<GateCheck> Checks)
{
    /// <summary>True for a regression gate: only `bench gate` checks it, against the stored baseline.</summary>
    public bool NeedsBaseline => Gate.Expression.Contains($" {RegressionGate.Keyword} ", StringComparison.Ordinal);

    public static IReadOnlyList<GateLines> Of(ScenarioResults scenario)
    {
        var checks = GateEvaluator.CheckWithinRun(scenario);
        return scenario.Definition.Gates
            .Select(g => new GateLines(g, checks.Where(c => c.Written == g.Expression && c.Source.ToString() == g.Source).ToArray()))
            .ToArray();
    }

    /// <summary>"pass", "FAIL" or "invalid", as the gate table says it.</summary>
    public static string Outcome(GateStatus status) => status switch
    {
        GateStatus.Passed => "pass",
        GateStatus.Failed => "FAIL",
        _ => "invalid",
    };

    /// <summary>One check in words: "pass: measured 1.05, expected <= 1.2 (note)".</summary>
    public static string Describe(GateCheck check) =>
        $"{Outcome(check.Status)}: measured {check.Measured}, expected {check.Expected}{(check.Note is { } note ? $" ({note})" : "")}";
}
