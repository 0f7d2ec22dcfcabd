using System.Net;
using Bench.Cluster;
using Bench.Launch.Sampling;

namespace Bench.Tests.Cluster;

/// <summary>Load agents served in this test process on loopback ports they pick; stopped (and their runs with them) on dispose.</summary>
internal sealed class LocalAgents : IAsyncDisposable
{
    public const string Token = "test-token-0123456789";

    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _servers = [];

    private LocalAgents()
    {
    }

    public List<AgentEndpoint> Endpoints { get; } = [];

    public StringWriter Log { get; } = new();

    /// <summary><paramref name="count"/> agents; <paramref name="clocks"/> gives agent i its own clock (default: the system's); with <paramref name="procFs"/> they sample processes too.</summary>
    public static async Task<LocalAgents> StartAsync(int count, Func<int, TimeProvider>? clocks = null, ProcFs? procFs = null)
    {
        var agents = new LocalAgents();
        for (int i = 0; i < count; i++)
        {
            var bound = new TaskCompletionSource<IPEndPoint>(TaskCreationOptions.RunContinuationsAsynchronously);
            var server = new AgentServer(new IPEndPoint(IPAddress.Loopback, 0), Token, TextWriter.Synchronized(agents.Log), clocks?.Invoke(i), procFs);
            agents._servers.Add(server.RunAsync(bound.SetResult, agents._stop.Token));
            var endpoint = await bound.Task.WaitAsync(TimeSpan.FromSeconds(10));
            agents.Endpoints.Add(new AgentEndpoint($"agent {i + 1}", endpoint.Address, endpoint.Port, Token));
        }

        return agents;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_servers).WaitAsync(TimeSpan.FromSeconds(15));
        _stop.Dispose();
    }
}
