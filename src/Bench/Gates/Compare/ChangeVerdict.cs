namespace Bench.Gates.Compare;

/// <summary>What a change between two runs amounts to, for one metric of one target × level.</summary>
public enum ChangeVerdict
{
    /// <summary>Within the noise: the runs do not differ measurably.</summary>
    Noise,
    Better,
    Worse,

    /// <summary>A side has invalid levels: shown, not judged.</summary>
    NotJudged,
}
