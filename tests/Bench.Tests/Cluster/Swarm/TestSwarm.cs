using Bench.Cluster.Swarm;
using Bench.Launch.Docker;
using Docker.DotNet.Models;

namespace Bench.Tests.Cluster.Swarm;

/// <summary>
/// This machine's engine as a one-node swarm for a test: made with `docker swarm init --advertise-addr 127.0.0.1`
/// (through the API) when the engine is in none, and then always left again (forced) when the test ends; when it is
/// already a manager, used as it is and its node's labels put back. Its node carries both roles while the test runs.
/// </summary>
internal sealed class TestSwarm : IAsyncDisposable
{
    private readonly DockerEngine _engine;
    private readonly bool _made;
    private readonly IDictionary<string, string> _originalLabels;

    private TestSwarm(DockerEngine engine, bool made, string nodeId, IDictionary<string, string> originalLabels)
    {
        _engine = engine;
        _made = made;
        NodeId = nodeId;
        _originalLabels = originalLabels;
    }

    public string NodeId { get; }

    public static async Task<TestSwarm> JoinAsync(DockerEngine engine, CancellationToken cancellationToken)
    {
        var swarm = (await engine.Client.System.GetSystemInfoAsync(cancellationToken)).Swarm;
        bool made = false;
        if (swarm.LocalNodeState == "inactive")
        {
            await engine.Client.Swarm.InitSwarmAsync(new SwarmInitParameters { ListenAddr = "127.0.0.1:2377", AdvertiseAddr = "127.0.0.1" }, cancellationToken);
            made = true;
        }
        else if (!swarm.ControlAvailable)
        {
            Assert.Fail($"the swarm tests need an engine outside any swarm or a manager; this one is a swarm {swarm.LocalNodeState} worker: docker swarm leave");
        }

        string nodeId = (await engine.Client.System.GetSystemInfoAsync(cancellationToken)).Swarm.NodeID;
        var node = await engine.Client.Swarm.InspectNodeAsync(nodeId, cancellationToken);
        var test = new TestSwarm(engine, made, nodeId, new Dictionary<string, string>(node.Spec.Labels ?? new Dictionary<string, string>()));
        try
        {
            await test.LabelAsync(new Dictionary<string, string?> { [SwarmNode.TargetLabel] = "true", [SwarmNode.GeneratorLabel] = "true" }, cancellationToken);
            return test;
        }
        catch
        {
            await test.DisposeAsync();
            throw;
        }
    }

    /// <summary>Sets the node's labels to the originals plus (or, for a null value, minus) <paramref name="changes"/>.</summary>
    public async Task LabelAsync(IReadOnlyDictionary<string, string?> changes, CancellationToken cancellationToken)
    {
        var labels = new Dictionary<string, string>(_originalLabels);
        foreach (var (key, value) in changes)
        {
            if (value is null)
            {
                labels.Remove(key);
            }
            else
            {
                labels[key] = value;
            }
        }

        await SetLabelsAsync(labels, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_made)
        {
            await _engine.Client.Swarm.LeaveSwarmAsync(new SwarmLeaveParameters { Force = true }, CancellationToken.None);
            return;
        }

        await SetLabelsAsync(_originalLabels, CancellationToken.None);
    }

    private async Task SetLabelsAsync(IDictionary<string, string> labels, CancellationToken cancellationToken)
    {
        var node = await _engine.Client.Swarm.InspectNodeAsync(NodeId, cancellationToken);
        var spec = new NodeUpdateParameters { Name = node.Spec.Name, Role = node.Spec.Role, Availability = node.Spec.Availability, Labels = labels };
        await _engine.Client.Swarm.UpdateNodeAsync(NodeId, node.Version.Index, spec, cancellationToken);
    }
}
