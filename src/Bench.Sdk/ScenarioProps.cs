namespace Bench.Sdk;

/// <summary>
/// A scenario and its settings; every <c>With…</c> returns a changed copy. Defaults: no init or clean, no warm-up,
/// no thresholds, a 5 s timeout (<see cref="WithTimeout"/>); the load simulations must be given.
/// </summary>
public sealed record ScenarioProps
{
    internal ScenarioProps(string name, Func<IScenarioContext, Task<IResponse>> run, string source)
    {
        Name = name;
        Run = run;
        Source = source;
    }

    public string Name { get; }

    /// <summary>file:line:column of <see cref="Scenario.Create"/>, as results.json records a scenario's source.</summary>
    public string Source { get; }

    internal Func<IScenarioContext, Task<IResponse>> Run { get; }

    internal Func<IScenarioInitContext, Task>? Init { get; private init; }

    internal Func<IScenarioInitContext, Task>? Clean { get; private init; }

    public TimeSpan WarmUpDuration { get; private init; }

    public IReadOnlyList<LoadSimulation> LoadSimulations { get; private init; } = [];

    public IReadOnlyList<Threshold> Thresholds { get; private init; } = [];

    /// <summary>Catalogue targets (targets/targets.yaml) the scenario sweeps: see <see cref="WithTargets"/>.</summary>
    public IReadOnlyList<string> Targets { get; private init; } = [];

    /// <summary>
    /// An iteration still running this long after its simulation's window closed (closed model) or after it was due
    /// (open model, whose window waits this long for the iterations due in it) is a <c>requestTimeout</c> error; a
    /// shorter one is in flight. Its <see cref="IScenarioContext.CancellationToken"/> is cancelled then.
    /// </summary>
    public TimeSpan Timeout { get; private init; } = TimeSpan.FromSeconds(5);

    /// <summary>Runs once before the warm-up: open clients, seed data. An exception stops the scenario (exit 3), after its clean.</summary>
    public ScenarioProps WithInit(Func<IScenarioInitContext, Task> init) => this with { Init = init ?? throw new ArgumentNullException(nameof(init)) };

    /// <summary>Runs once after the last simulation, also after Ctrl-C or a failed init; an exception in it is logged.</summary>
    public ScenarioProps WithClean(Func<IScenarioInitContext, Task> clean) => this with { Clean = clean ?? throw new ArgumentNullException(nameof(clean)) };

    /// <summary>Load before the first simulation, at its level (its copies, or its rate), not recorded.</summary>
    public ScenarioProps WithWarmUpDuration(TimeSpan duration) => this with { WarmUpDuration = duration };

    public ScenarioProps WithoutWarmUp() => this with { WarmUpDuration = TimeSpan.Zero };

    /// <summary>The phases of the load, run one after the other.</summary>
    public ScenarioProps WithLoadSimulations(params LoadSimulation[] simulations) => this with { LoadSimulations = [.. simulations] };

    public ScenarioProps WithThresholds(params Threshold[] thresholds) => this with { Thresholds = [.. thresholds] };

    /// <summary>
    /// A sweep over catalogue targets, as <c>bench run</c> does one: each target in turn is started (pinned, under its
    /// CPU quota), verified against the contract, driven through every simulation (the warm-up first) and stopped;
    /// each simulation is a level of it, with the target's resources over the level. The step reaches the target
    /// through <see cref="IScenarioContext.Target"/> (a relative <see cref="Http.CreateRequest"/> goes there by itself).
    /// results.json records targets × levels, as a YAML scenario's; steps, if any, as <c>&lt;target&gt;.&lt;step&gt;</c>.
    /// </summary>
    public ScenarioProps WithTargets(params string[] names) => this with { Targets = [.. names] };

    /// <summary>A closed level per number of copies, each <paramref name="during"/> long: <c>KeepConstant</c> for each.</summary>
    public ScenarioProps WithLevels(TimeSpan during, params int[] copies) =>
        WithLoadSimulations([.. copies.Select(c => Simulation.KeepConstant(c, during))]);

    /// <summary>Bench's own: see <see cref="Timeout"/>.</summary>
    public ScenarioProps WithTimeout(TimeSpan timeout) => this with { Timeout = timeout };
}
