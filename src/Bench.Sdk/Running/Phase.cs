namespace Bench.Sdk.Running;

/// <summary>
/// One simulation as the run executes it: closed copies or an open rate, from a start to an end value (equal unless a
/// ramp), for a duration (or until its iterations are done); <see cref="Level"/> is the level results.json records it
/// as, null for a pause or a ramp that is only a transition.
/// </summary>
internal sealed record Phase(LoadSimulation Simulation, bool Closed, double From, double To, TimeSpan During, int Iterations, int? Level);
