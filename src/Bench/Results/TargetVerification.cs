using Bench.Launch.Verification;

namespace Bench.Results;

/// <summary>Whether a target passed the contract before its levels ran; an invalid one has its levels skipped, with the reason here.</summary>
public sealed record TargetVerification(string Target, bool Valid, string? Reason)
{
    /// <summary>For a docker target, the image it ran from (bench-target:&lt;hash of its files&gt;); null for a process.</summary>
    public string? Image { get; init; }

    /// <summary>Where it answered, as address:port (its swarm node's address in a cluster run); null when it did not start.</summary>
    public string? Address { get; init; }

    /// <summary>The most requests it serves at once, as its catalogue entry declares (null: every connection at once).</summary>
    public int? ConcurrencyLimit { get; init; }

    /// <summary>For a proxy in front of replicas: the proxy, the replicas and where they ran; null for one program.</summary>
    public TopologyRecord? Topology { get; init; }

    public static TargetVerification From(VerificationResult result) =>
        new(result.Target, result.Valid, result.Valid ? null : result.Reason) { Image = result.Image, Address = result.Address };
}
