using Bench.Launch;

namespace Bench.Tests.Support;

/// <summary>
/// One server per process entry of the catalogue, shared by a test class that only sends independent requests. Started
/// through the launcher with a one-second header timeout (where the program has one), so the timeout itself can be
/// tested quickly.
/// </summary>
public sealed class ModelServers : IAsyncLifetime
{
    private readonly Dictionary<string, TargetProcess> _servers = [];

    public int Port(string model) => _servers[model].Port;

    public TargetProcess Process(string model) => _servers[model];

    public async ValueTask InitializeAsync()
    {
        var started = await Task.WhenAll(Models.All.Select(m => RunningTarget.StartEntryAsync(m, TimeSpan.FromSeconds(1))));
        foreach (var server in started)
        {
            _servers[server.Definition.Name] = server;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_servers.Values.Select(s => s.DisposeAsync().AsTask()));
    }
}
