namespace Bench.Sdk;

/// <summary>NBomber's <c>NBomberRunner</c>: <c>return await BenchRunner.RegisterScenarios(a, b).Run(args);</c></summary>
public static class BenchRunner
{
    public static BenchRunnerProps RegisterScenarios(params ScenarioProps[] scenarios) => new([.. scenarios]);
}
