namespace Bench.Sdk;

/// <summary>The load simulations NBomber has, under the same names.</summary>
public enum SimulationKind
{
    KeepConstant,
    RampingConstant,
    IterationsForConstant,
    Inject,
    RampingInject,
    Pause,
}
