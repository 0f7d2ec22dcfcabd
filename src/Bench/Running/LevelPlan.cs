using System.Net;
using System.Net.Sockets;
using Bench.Load;
using Bench.Scenarios;

namespace Bench.Running;

/// <summary>Turns a scenario's request and load profile, at one level, into the load engine's options.</summary>
public static class LevelPlan
{
    /// <summary>The options of <paramref name="target"/>'s own request at <paramref name="level"/>.</summary>
    public static LoadOptions For(Scenario scenario, string target, int level, int port, int? generatorCpus, IPAddress? host = null)
    {
        var load = scenario.Load;
        var options = Base(scenario.RequestOf(target), load, host, port, generatorCpus);
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

    /// <summary>
    /// A background stream's options: its own connections (closed, no think time) or rate (open), in the same window
    /// as the level's, whatever the level; it ends with the window, not after a count of iterations.
    /// </summary>
    public static LoadOptions ForBackground(Background stream, LoadProfile load, int port, int? generatorCpus, IPAddress? host = null)
    {
        var options = Base(stream.Request, load, host, port, generatorCpus) with { Warmup = load.Warmup };
        return stream.Rate is { } rate
            ? options with { Model = Load.LoadModel.Open, Rate = rate, Connections = 1, MaxConnections = load.MaxConnections }
            : options with { Model = Load.LoadModel.Closed, Connections = stream.Connections ?? 1 };
    }

    /// <summary>The request to <paramref name="host"/> (loopback by default; a swarm node's address in a cluster run).</summary>
    private static LoadOptions Base(ScenarioRequest request, LoadProfile load, IPAddress? host, int port, int? generatorCpus) => new()
    {
            Url = new Uri($"http://{(host is { AddressFamily: AddressFamily.InterNetworkV6 } ? $"[{host}]" : (host ?? IPAddress.Loopback).ToString())}:{port}{request.Path}"),
            Method = request.Method,
            Headers = request.Headers.ToArray(),
            ExpectedStatus = request.Expect.Status,
            ExpectedBody = request.Expect.Body,
            Duration = load.Duration,
            Timeout = load.Timeout,
            Cpus = generatorCpus,
        };
}
