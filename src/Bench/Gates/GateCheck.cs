using Bench.Configuration;

namespace Bench.Gates;

/// <summary>
/// One gate applied to one target × level (a gate with <c>*</c> gives several): <paramref name="Gate"/> is the concrete
/// gate, <paramref name="Written"/> the line as written and <paramref name="Source"/> where; the other texts are ready to show.
/// </summary>
public sealed record GateCheck(
    string Scenario,
    string Gate,
    string Written,
    SourceLocation Source,
    string Expected,
    string Measured,
    string Margin,
    GateStatus Status,
    string? Note)
{
    /// <summary>The sentence its scenario gives for why the gate should hold (<c>{ gate: …, why: … }</c>); null when none.</summary>
    public string? Why { get; init; }
}
