namespace Bench.Running;

/// <summary>How a sweep ended: what it measured is on disk either way.</summary>
/// <param name="Interrupted">Ctrl-C or SIGTERM stopped it before the end.</param>
/// <param name="InvalidTargets">Targets that failed to start or verify (their levels were skipped).</param>
/// <param name="InvalidLevels">Levels measured but not to be trusted (generator saturated, rate not reached, target died).</param>
public sealed record SweepOutcome(bool Interrupted, int InvalidTargets, int InvalidLevels, int Levels)
{
    public bool Valid => InvalidTargets == 0 && InvalidLevels == 0;
}
