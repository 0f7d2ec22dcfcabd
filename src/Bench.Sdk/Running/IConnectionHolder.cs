namespace Bench.Sdk.Running;

/// <summary>
/// State a library keeps per copy (<see cref="ScenarioContext.Attachment{T}"/>) that holds a connection open between
/// calls: closed at every phase's end, so no level leaves a pooled keep-alive connection behind — a target serving one
/// connection at a time (sync) would be held by it, found busy by the sweep's check and restarted.
/// </summary>
internal interface IConnectionHolder
{
    /// <summary>Closes the connection unless a call is using it (one left running past its cut keeps it); completes once closed.</summary>
    Task CloseIdleAsync();
}
