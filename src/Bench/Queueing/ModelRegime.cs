namespace Bench.Queueing;

/// <summary>Which prediction a target's throughput sits on at its highest measured level.</summary>
public enum ModelRegime
{
    /// <summary>Within tolerance of N / (R₀ + Z): it still scales with the connections.</summary>
    Ideal,

    /// <summary>At (or above) cores / S: the CPU is the bottleneck.</summary>
    CpuCap,

    /// <summary>Within tolerance of L / R₀ for its declared limit L &gt; 1: it serves at most L requests at a time.</summary>
    ConcurrencyLimit,

    /// <summary>Within tolerance of 1 / R₀: it serves one request at a time.</summary>
    OneAtATime,

    /// <summary>Above one at a time but below the ideal line and the CPU cap: something else limits it.</summary>
    Between,

    /// <summary>Below even one at a time: errors, timeouts or thrashing.</summary>
    BelowOneAtATime,
}
