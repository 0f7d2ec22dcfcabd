namespace Bench.Sdk;

/// <summary>What an iteration of a scenario sees: which copy it is, a log, the stop signal and the copy's own state.</summary>
public interface IScenarioContext
{
    ScenarioInfo ScenarioInfo { get; }

    ILogger Logger { get; }

    /// <summary>Cancelled when the run stops the iteration (the end of its simulation's drain, Ctrl-C): pass it to every call.</summary>
    CancellationToken CancellationToken { get; }

    /// <summary>NBomber's name for <see cref="CancellationToken"/>.</summary>
    CancellationToken ScenarioCancellationToken => CancellationToken;

    /// <summary>This copy's state: kept across its iterations (a virtual user's session, a connection), never shared with other copies.</summary>
    Dictionary<string, object> Data { get; }

    /// <summary>The catalogue target being driven (a scenario <see cref="ScenarioProps.WithTargets"/>); null otherwise.</summary>
    ScenarioTarget? Target { get; }

    /// <summary>How many iterations this copy has started, from 1.</summary>
    long InvocationNumber { get; }
}
