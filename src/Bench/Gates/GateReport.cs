namespace Bench.Gates;

/// <summary>Every check of a run, and what makes the run as a whole unfit to gate on (for example, it did not finish).</summary>
public sealed record GateReport(IReadOnlyList<GateCheck> Checks, IReadOnlyList<string> RunProblems)
{
    public GateStatus Status =>
        RunProblems.Count > 0 || Checks.Any(c => c.Status == GateStatus.Invalid) ? GateStatus.Invalid
        : Checks.Any(c => c.Status == GateStatus.Failed) ? GateStatus.Failed
        : GateStatus.Passed;

    public int Count(GateStatus status) => Checks.Count(c => c.Status == status);

    /// <summary>One line: "4 checks: 3 passed, 1 failed" and the verdict.</summary>
    public string Summary => $"{Checks.Count} gate checks: {Count(GateStatus.Passed)} passed, {Count(GateStatus.Failed)} failed, {Count(GateStatus.Invalid)} invalid"
        + Status switch
        {
            GateStatus.Passed => " — PASSED",
            GateStatus.Failed => " — FAILED",
            _ => " — RUN INVALID: not gated",
        };
}
