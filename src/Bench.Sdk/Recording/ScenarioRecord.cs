using Bench.Results;
using Bench.Sdk.Running;

namespace Bench.Sdk.Recording;

/// <summary>
/// A code-first scenario as results.json records a scenario (docs/sdk.md, "Results"): the targets are the scenario
/// itself and its steps (in a sweep: the catalogue targets, and their steps as &lt;target&gt;.&lt;step&gt;); the request is <c>CODE &lt;scenario&gt;</c> (no HTTP request of Bench's own, nothing expected
/// of a response: the code says what succeeded); the levels are its simulations' (closed: copies, open: per second).
/// </summary>
internal static class ScenarioRecord
{
    public const string Method = "CODE";

    public static ScenarioResults Start(string name, ScenarioProps props, IReadOnlyList<Phase> phases, IReadOnlyList<GateDefinition> gates)
    {
        var measured = phases.Where(p => p.Level is not null).ToArray();
        bool closed = phases.Any(p => p.Closed);
        var load = new LoadDefinition(
            closed ? "closed" : "open",
            measured.Select(p => p.Level!.Value).ToArray(),
            0,
            0,
            measured.Select(p => p.Iterations).FirstOrDefault(i => i > 0) is var iterations and > 0 ? iterations : null,
            0,
            closed ? measured.Select(p => (int)Math.Max(p.From, p.To)).DefaultIfEmpty(0).Max() : 0,
            props.WarmUpDuration.TotalMilliseconds,
            measured.Select(p => p.During.TotalMilliseconds).DefaultIfEmpty(0).Max(),
            1,
            props.Timeout.TotalMilliseconds,
            0);
        var definition = new ScenarioDefinition(
            name,
            $"code-first scenario (Bench.Sdk): {string.Join(", ", props.LoadSimulations)}",
            props.Source,
            props.Targets.Count > 0 ? props.Targets : [name],
            new RequestDefinition(Method, name, new Dictionary<string, string>(), new ExpectDefinition(0, null)),
            load,
            gates);
        return new ScenarioResults(name, definition, [], []);
    }
}
