namespace Bench.Sdk;

/// <summary>What <c>WithInit</c> and <c>WithClean</c> see: they run once per scenario, before the warm-up and after the last simulation.</summary>
public interface IScenarioInitContext
{
    /// <summary>The scenario; <see cref="ScenarioInfo.InstanceNumber"/> is 0.</summary>
    ScenarioInfo ScenarioInfo { get; }

    ILogger Logger { get; }

    /// <summary>Cancelled on Ctrl-C during init; clean gets a token that is not (it must still close what init opened).</summary>
    CancellationToken CancellationToken { get; }
}
