namespace Bench.Load;

/// <summary>Why a run ended. Every run ends by itself: at the end of its duration at the latest.</summary>
public enum StopReason
{
    /// <summary>The measured duration elapsed.</summary>
    DurationElapsed,

    /// <summary>Every connection finished its iterations.</summary>
    IterationsDone,

    /// <summary>The caller cancelled; the result holds what was measured until then.</summary>
    Cancelled,
}
