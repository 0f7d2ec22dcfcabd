using Bench.Load;
using Bench.Scenarios;

namespace Bench.Running;

/// <summary>Turns a scenario's request and load profile, at one level, into the load engine's options.</summary>
public static class LevelPlan
{
    public static LoadOptions For(Scenario scenario, int level, int port, int? generatorCpus)
    {
        var load = scenario.Load;
        var request = scenario.Request;
        var options = new LoadOptions
        {
            Url = new Uri($"http://127.0.0.1:{port}{request.Path}"),
            Method = request.Method,
            Headers = request.Headers.ToArray(),
            ExpectedStatus = request.Expect.Status,
            ExpectedBody = request.Expect.Body,
            Duration = load.Duration,
            Timeout = load.Timeout,
            Cpus = generatorCpus,
        };

        return load.Model == Scenarios.LoadModel.Open
            ? options with { Model = Load.LoadModel.Open, Rate = level, Connections = 1, MaxConnections = load.MaxConnections }
            : options with
            {
                Model = Load.LoadModel.Closed,
                Connections = level,
                Think = load.Think,
                RampUp = load.RampUp,
                Iterations = load.Iterations,
            };
    }

}
