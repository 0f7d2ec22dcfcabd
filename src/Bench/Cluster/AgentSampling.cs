using System.Net.Sockets;
using Bench.Launch.Sampling;

namespace Bench.Cluster;

/// <summary>
/// A /proc sampling window open on an agent (<see cref="AgentClient.SampleAsync"/>): its connection stays open until
/// <see cref="StopAsync"/> answers the usage; disposing it first closes the connection, which ends the agent's window.
/// </summary>
public sealed class AgentSampling : IAsyncDisposable
{
    private readonly AgentClient _client;
    private readonly NetworkStream _stream;

    internal AgentSampling(AgentClient client, NetworkStream stream)
    {
        _client = client;
        _stream = stream;
    }

    public AgentEndpoint Endpoint => _client.Endpoint;

    /// <summary>The agent's last reading, and what the process tree used from the first to it.</summary>
    public Task<ResourceUsage> StopAsync(CancellationToken cancellationToken) => _client.StopSamplingAsync(_stream, cancellationToken);

    public ValueTask DisposeAsync() => _stream.DisposeAsync();
}
