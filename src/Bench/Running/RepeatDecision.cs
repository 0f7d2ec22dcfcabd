namespace Bench.Running;

/// <summary>What <see cref="RepeatRule"/> says of a cell after one of its repeats.</summary>
public enum RepeatDecision
{
    /// <summary>Repeat it again in the next round.</summary>
    Continue,

    /// <summary>Its throughput's interval is within the bound: done, converged.</summary>
    Converged,

    /// <summary>It reached the maximum without converging: done, not converged.</summary>
    Exhausted,
}
