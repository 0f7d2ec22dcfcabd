namespace Bench.Sdk.Running;

/// <summary>
/// One iteration of a scenario: when it was due, when it started, what its steps moved. It is settled
/// once, by whichever comes first — its own end, or the cut at the end of its simulation — so it is recorded once.
/// </summary>
internal sealed class Iteration(PhaseRun run, ScenarioContext copy, long intended, bool inWindow)
{
    /// <summary>The phase it belongs to: its cut settles it.</summary>
    public PhaseRun Run { get; } = run;

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
