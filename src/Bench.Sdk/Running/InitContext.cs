namespace Bench.Sdk.Running;

internal sealed record InitContext(ScenarioInfo ScenarioInfo, ILogger Logger, CancellationToken CancellationToken) : IScenarioInitContext;
