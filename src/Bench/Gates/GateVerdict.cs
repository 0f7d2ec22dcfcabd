namespace Bench.Gates;

/// <summary>
/// What a check expected and measured, how far from the limit it was (positive: headroom; negative: by how much it
/// failed). <paramref name="NoValue"/> says why there is nothing to compare (a p99 without a success, a ratio over 0):
/// such a check is invalid, never a pass.
/// </summary>
public sealed record GateVerdict(string Expected, string Measured, string Margin, bool Passed, string? Note = null, string? NoValue = null)
{
    public static GateVerdict None(string expected, string why) => new(expected, "none", "", Passed: false, NoValue: why);
}
