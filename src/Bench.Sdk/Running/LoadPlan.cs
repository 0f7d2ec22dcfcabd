using System.Globalization;

namespace Bench.Sdk.Running;

/// <summary>
/// Turns a scenario's simulations into phases and levels (docs/sdk.md, "Levels"), or says why it cannot. results.json
/// keys a cell by target × level and records one load model per scenario, so: closed and open simulations do not mix
/// in one scenario; a steady simulation (KeepConstant, IterationsForConstant, Inject) is a level of its copies or of its
/// rate per second; a ramp is a level of its end value unless that value is 0 or another simulation's level, and then a
/// transition, run but not recorded; two steady simulations at one level are refused.
/// </summary>
internal static class LoadPlan
{
    public static IReadOnlyList<Phase> Of(IReadOnlyList<LoadSimulation> simulations, List<string> problems)
    {
        if (simulations.Count == 0)
        {
            problems.Add("no load simulations: add WithLoadSimulations(Simulation.KeepConstant(…) or Simulation.Inject(…))");
            return [];
        }

        foreach (var simulation in simulations)
        {
            if (Problem(simulation) is { } problem)
            {
                problems.Add($"{simulation}: {problem}");
            }
        }

        bool anyClosed = simulations.Any(s => s.IsClosed);
        if (anyClosed && simulations.Any(s => s.IsOpen))
        {
            problems.Add("closed (KeepConstant, RampingConstant, IterationsForConstant) and open (Inject, RampingInject) simulations in one scenario: results.json records one load model per scenario; make two scenarios");
        }

        if (problems.Count > 0)
        {
            return [];
        }

        var steady = simulations.Where(s => !s.IsRamp && s.Kind != SimulationKind.Pause).Select(LevelOf).ToList();
        foreach (var duplicate in steady.GroupBy(l => l).Where(g => g.Count() > 1))
        {
            problems.Add($"{duplicate.Count()} simulations at level {duplicate.Key.ToString(CultureInfo.InvariantCulture)}: a level is measured once per scenario; make it one longer simulation");
        }

        var phases = new List<Phase>();
        var levels = new HashSet<int>(steady);
        double previous = 0;
        foreach (var simulation in simulations)
        {
            double value = simulation.IsClosed ? simulation.Copies : simulation.RatePerSecond;
            if (simulation.Kind == SimulationKind.Pause)
            {
                phases.Add(new Phase(simulation, anyClosed, 0, 0, simulation.During, 0, null));
                previous = 0;
                continue;
            }

            int level = LevelOf(simulation);
            int? recorded = !simulation.IsRamp ? level : level >= 1 && levels.Add(level) ? level : null;
            phases.Add(new Phase(simulation, simulation.IsClosed, simulation.IsRamp ? previous : value, value, simulation.During, simulation.Iterations, recorded));
            previous = value;
        }

        return phases;
    }

    private static int LevelOf(LoadSimulation simulation) =>
        simulation.IsClosed ? simulation.Copies : (int)Math.Max(1, Math.Round(simulation.RatePerSecond));

    private static string? Problem(LoadSimulation s) => s.Kind switch
    {
        SimulationKind.KeepConstant when s.Copies < 1 => "copies must be at least 1",
        SimulationKind.RampingConstant when s.Copies < 0 => "copies cannot be negative",
        SimulationKind.IterationsForConstant when s.Copies < 1 || s.Iterations < 1 => "copies and iterations must be at least 1",
        SimulationKind.Inject when s.Rate < 1 => "the rate must be at least 1",
        SimulationKind.RampingInject when s.Rate < 0 => "the rate cannot be negative",
        SimulationKind.Inject or SimulationKind.RampingInject when s.Interval <= TimeSpan.Zero => "the interval must be positive",
        not SimulationKind.IterationsForConstant when s.During <= TimeSpan.Zero => "the duration must be positive",
        _ when s.During > TimeSpan.FromHours(24) => "a simulation is at most 24 hours",
        _ => null,
    };
}
