using Bench.Launch;
using Bench.Launch.Dependencies;

namespace Bench.Sdk;

/// <summary>
/// A server from the catalogue's <c>dependencies:</c> (targets/targets.yaml: <c>redis</c>…) started for a scenario by
/// Bench's own machinery (<see cref="DependencySet"/>, as <c>bench run</c> starts it for a target that needs it): on a
/// free loopback port, checked ready (Redis: PING answered), stopped on dispose. A missing program is one line naming
/// the Debian package to install.
/// </summary>
public sealed class CatalogDependency : IAsyncDisposable
{
    private readonly DependencySet _set;

    private CatalogDependency(DependencySet set, string name, int port)
    {
        _set = set;
        Name = name;
        Port = port;
    }

    public string Name { get; }

    /// <summary>The port it listens on, on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>Its process id while it runs.</summary>
    public int? Pid => _set.Pids.TryGetValue(Name, out int pid) ? pid : null;

    /// <summary>Starts the catalogue's dependency <paramref name="name"/> (the catalogue of <c>BENCH_CATALOG</c>, else targets/targets.yaml).</summary>
    public static async Task<CatalogDependency> StartAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var catalog = TargetCatalog.LoadDefault();
        var dependency = catalog.Dependencies.FirstOrDefault(d => d.Name == name)
            ?? throw new ArgumentException($"no dependency '{name}' in {TargetCatalog.DefaultPath} (it has: {string.Join(", ", catalog.Dependencies.Select(d => d.Name))})", nameof(name));
        var set = new DependencySet();
        try
        {
            // The set starts what a target needs: a target of the scenario's own, needing just this one.
            var user = new TargetDefinition($"{name}-user", "a code-first scenario", [], new Dictionary<string, string>()) { Needs = [dependency] };
            var ports = await set.EnsureAsync(user, new TargetLaunchOptions(), cancellationToken);
            return new CatalogDependency(set, name, ports[name]);
        }
        catch
        {
            await set.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => _set.DisposeAsync();
}
