namespace Bench.Sdk.Running;

/// <summary>
/// One iteration of a scenario: when it was due, when it started, what its steps moved. it is settled
/// once, by whichever comes first — its own end, or the cut at the end of its simulation — so it is recorded once.
/// </summary>
internal sealed class Iteration(ScenarioContext copy, long intended, bool inWindow)
{
    public ScenarioContext Copy { get; } = copy;

    /// <summary>When it was due (open model) or started (closed model), in the run's timestamps.</summary>
    public long Intended { get; } = intended;

    /// <summary>Open model: due inside the measured window, so it counts whenever it ends (before the cut).</summary>
    public bool InWindow { get; } = inWindow;

    public long Started { get; set; } = -1;

    public long StepBytes { get; set; }

    public bool RanStep { get; set; }

    private int _settled;

    /// <summary>True for the one caller that settles it.</summary>
    public bool TrySettle() => Interlocked.Exchange(ref _settled, 1) == 0;

    public bool IsSettled => Volatile.Read(ref _settled) == 1;
}
