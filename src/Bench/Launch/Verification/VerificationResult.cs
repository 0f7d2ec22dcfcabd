namespace Bench.Launch.Verification;

/// <summary>Every check run against one target; valid only when all passed.</summary>
public sealed record VerificationResult(string Target, IReadOnlyList<CheckResult> Checks, string? StartError = null)
{
    public bool Valid => StartError is null && Checks.All(c => c.Passed);

    /// <summary>For a docker target that started, the image its container ran from; null otherwise.</summary>
    public string? Image { get; init; }

    /// <summary>Where it answered the checks, as address:port: loopback for a local target, its node's address on a swarm.</summary>
    public string? Address { get; init; }

    public string Reason => StartError ?? string.Join("; ", Checks.Where(c => !c.Passed).Select(c => $"{c.Name}: {c.Detail}"));
}
