namespace Bench.Sdk.Running;

/// <summary>How a scenario's run ended: every simulation done, stopped by Ctrl-C, or stopped by its init's failure (<see cref="Failure"/>).</summary>
internal sealed record ScenarioOutcome(bool Interrupted, string? Failure);
