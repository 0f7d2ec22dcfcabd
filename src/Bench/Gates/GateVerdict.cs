namespace Bench.Gates;

/// <summary>What a check expected and measured, how far from the limit it was (positive: headroom; negative: by how much it failed).</summary>
public sealed record GateVerdict(string Expected, string Measured, string Margin, bool Passed, string? Note = null);
