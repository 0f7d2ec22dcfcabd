namespace Bench.Launch.Docker;

/// <summary>No Docker engine answered: says where Bench looked and how to start one.</summary>
public sealed class DockerUnavailableException(string endpoint, string detail)
    : Exception($"Docker engine not reachable at {endpoint} ({detail}); scripts/setup.sh docker starts one")
{
    public string Endpoint { get; } = endpoint;

    /// <summary>Why it did not answer, without the hint (which starts only a local engine).</summary>
    public string Detail { get; } = detail;
}
