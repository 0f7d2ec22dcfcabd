using Bench.Targets.Verification;

namespace Bench.Results;

/// <summary>Whether a target passed the contract before its levels ran; an invalid one has its levels skipped, with the reason here.</summary>
public sealed record TargetVerification(string Target, bool Valid, string? Reason)
{
    public static TargetVerification From(VerificationResult result) =>
        new(result.Target, result.Valid, result.Valid ? null : result.Reason);
}
