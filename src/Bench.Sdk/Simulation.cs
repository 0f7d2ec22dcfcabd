namespace Bench.Sdk;

/// <summary>
/// NBomber's load simulations. Closed: <see cref="KeepConstant"/>, <see cref="RampingConstant"/>,
/// <see cref="IterationsForConstant"/> (copies that loop: the next iteration starts when the last ends). Open:
/// <see cref="Inject"/>, <see cref="RampingInject"/> (iterations start on a timetable, spread evenly over each interval,
/// and latency counts from when each was due). Each simulation but a pause is one level in results.json (docs/sdk.md).
/// </summary>
public static class Simulation
{
    /// <summary>Closed: <paramref name="copies"/> copies loop for <paramref name="during"/>.</summary>
    public static LoadSimulation KeepConstant(int copies, TimeSpan during) => new(SimulationKind.KeepConstant, copies, 0, TimeSpan.Zero, during, 0);

    /// <summary>Closed: the copies go linearly from the previous simulation's (0 at the start) to <paramref name="copies"/>.</summary>
    public static LoadSimulation RampingConstant(int copies, TimeSpan during) => new(SimulationKind.RampingConstant, copies, 0, TimeSpan.Zero, during, 0);

    /// <summary>Closed: <paramref name="copies"/> copies run <paramref name="iterations"/> iterations between them, then the simulation ends.</summary>
    public static LoadSimulation IterationsForConstant(int copies, int iterations) => new(SimulationKind.IterationsForConstant, copies, 0, TimeSpan.Zero, TimeSpan.Zero, iterations);

    /// <summary>Open: <paramref name="rate"/> iterations every <paramref name="interval"/>, evenly spread, for <paramref name="during"/>.</summary>
    public static LoadSimulation Inject(int rate, TimeSpan interval, TimeSpan during) => new(SimulationKind.Inject, 0, rate, interval, during, 0);

    /// <summary>Open: the rate goes linearly from the previous simulation's (0 at the start) to <paramref name="rate"/> per <paramref name="interval"/>.</summary>
    public static LoadSimulation RampingInject(int rate, TimeSpan interval, TimeSpan during) => new(SimulationKind.RampingInject, 0, rate, interval, during, 0);

    /// <summary>No load for <paramref name="during"/>.</summary>
    public static LoadSimulation Pause(TimeSpan during) => new(SimulationKind.Pause, 0, 0, TimeSpan.Zero, during, 0);
}
