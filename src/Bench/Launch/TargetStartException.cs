namespace Bench.Launch;

/// <summary>A target that would not start or become ready: names it and carries its last stderr lines.</summary>
public sealed class TargetStartException(string target, string reason, string stderrTail)
    : Exception($"target '{target}' {reason}" + (stderrTail.Length > 0 ? $"; last stderr lines:{Environment.NewLine}{stderrTail}" : ""))
{
    public string Target { get; } = target;

    public string Reason { get; } = reason;

    /// <summary>Its last stderr lines, as they came; empty when there were none.</summary>
    public string StderrTail { get; } = stderrTail;
}
