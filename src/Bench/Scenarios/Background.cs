namespace Bench.Scenarios;

/// <summary>
/// A named stream of requests that runs beside a scenario's own request in every level's window, on connections of
/// its own: a closed stream keeps <see cref="Connections"/> busy, an open one sends <see cref="Rate"/> requests per
/// second. It is the background the scenario's request is measured against (a stream of long /cpu requests while
/// /hello probes the event loop); its numbers are recorded apart, never mixed into the level's.
/// </summary>
public sealed record Background(string Name, ScenarioRequest Request, int? Connections, int? Rate)
{
    /// <summary>The same stream sending another path (a target variant's own).</summary>
    public Background WithPath(string path) => this with { Request = Request with { Path = path } };
}
