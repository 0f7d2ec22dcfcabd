using System.Globalization;

namespace Bench.Gates.Syntax;

/// <summary><c>target@level</c>; a null part is <c>*</c> (every target, or every level, of the scenario).</summary>
public sealed record GateSelector(string? Target, int? Level)
{
    public bool IsConcrete => Target is not null && Level is not null;

    /// <summary>This selector with its <c>*</c> parts taken from <paramref name="other"/>.</summary>
    public GateSelector Or(GateSelector other) => new(Target ?? other.Target, Level ?? other.Level);

    public override string ToString() => $"{Target ?? "*"}@{Level?.ToString(CultureInfo.InvariantCulture) ?? "*"}";
}
