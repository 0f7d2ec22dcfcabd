namespace Bench.Sdk;

/// <summary>
/// One phase of a scenario's load (<see cref="Simulation"/> builds them). Closed ones hold a number of copies that loop
/// (<see cref="Copies"/>); open ones start iterations at a rate (<see cref="Rate"/> per <see cref="Interval"/>),
/// whether or not earlier ones have finished.
/// </summary>
public sealed record LoadSimulation
{
    internal LoadSimulation(SimulationKind kind, int copies, int rate, TimeSpan interval, TimeSpan during, int iterations)
    {
        Kind = kind;
        Copies = copies;
        Rate = rate;
        Interval = interval;
        During = during;
        Iterations = iterations;
    }

    public SimulationKind Kind { get; }

    public int Copies { get; }

    public int Rate { get; }

    public TimeSpan Interval { get; }

    /// <summary>How long it lasts; zero for <see cref="SimulationKind.IterationsForConstant"/> (it lasts until its iterations are done).</summary>
    public TimeSpan During { get; }

    /// <summary>Iterations to run, across all copies (<see cref="SimulationKind.IterationsForConstant"/> only).</summary>
    public int Iterations { get; }

    /// <summary>True for the closed model (copies looping), false for the open model (a rate) and a pause.</summary>
    public bool IsClosed => Kind is SimulationKind.KeepConstant or SimulationKind.RampingConstant or SimulationKind.IterationsForConstant;

    public bool IsOpen => Kind is SimulationKind.Inject or SimulationKind.RampingInject;

    public bool IsRamp => Kind is SimulationKind.RampingConstant or SimulationKind.RampingInject;

    /// <summary>The open rate in iterations per second.</summary>
    public double RatePerSecond => Interval > TimeSpan.Zero ? Rate / Interval.TotalSeconds : 0;

    public override string ToString() => Kind switch
    {
        SimulationKind.KeepConstant => $"KeepConstant(copies: {Copies}, during: {During})",
        SimulationKind.RampingConstant => $"RampingConstant(copies: {Copies}, during: {During})",
        SimulationKind.IterationsForConstant => $"IterationsForConstant(copies: {Copies}, iterations: {Iterations})",
        SimulationKind.Inject => $"Inject(rate: {Rate}, interval: {Interval}, during: {During})",
        SimulationKind.RampingInject => $"RampingInject(rate: {Rate}, interval: {Interval}, during: {During})",
        _ => $"Pause(during: {During})",
    };
}
