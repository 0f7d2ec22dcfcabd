using Bench.Sdk.Running;

namespace Bench.Sdk;

/// <summary>
/// A measured part of an iteration, as NBomber's <c>Step.Run</c>: its latency, outcome and bytes are recorded under its
/// name (a target of its own in results.json). A failed step — a <see cref="Response.Fail"/> or an exception, recorded
/// by status or by exception type — ends the iteration, which fails with the same error.
/// </summary>
public static class Step
{
    public static Task<Response<T>> Run<T>(string name, IScenarioContext context, Func<Task<Response<T>>> run)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(run);
        if (context is not ScenarioContext scenarioContext)
        {
            throw new ArgumentException("Step.Run needs the context Bench passed to the scenario", nameof(context));
        }

        return scenarioContext.RunStepAsync(name, run);
    }
}
