using Bench.Launch;
using Bench.Launch.Docker;
using Bench.Launch.Proxies;
using Bench.Launch.Sampling;
using Bench.Load;
using Bench.Results;
using Bench.Running;
using Bench.Tests.Support;

namespace Bench.Tests.Launch.Proxies;

/// <summary>
/// The real nginx-cache of the catalogue in front of a real async replica, driven by the load engine: connections that
/// re-read their own key hit after one miss each, keys unique per request always miss, and what the cache said reaches
/// the level's results.
/// </summary>
public sealed class CacheProxyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static LoadOptions At(int port, string path, int connections, int iterations) => new()
    {
        Url = new Uri($"http://127.0.0.1:{port}{path}"),
        Connections = connections,
        Iterations = iterations,
        Warmup = TimeSpan.Zero,
        Duration = TimeSpan.FromSeconds(30),
    };

    private static CacheResult? CacheOf(LoadResult load) => LevelResultFactory.From("async-nginx-cache-x1", load.Options.Connections, 1, load, ResourceUsage.None, null).Cache;

    [Fact]
    public async Task Given_nginx_cache_in_front_of_async_then_hot_keys_hit_after_one_miss_per_connection_unique_keys_all_miss_and_uncached_paths_have_no_cache_record()
    {
        var catalog = RepositoryFiles.Catalog();
        var definition = new ProxyTopology(catalog.FindProxy("nginx-cache")!, catalog.Find("async")!, 1).Define("async-nginx-cache-x1");
        await using var launcher = new TargetLauncher(new DockerTargets(dockerHost: null));
        await using var target = await launcher.StartAsync(definition, new TargetLaunchOptions { ReadyTimeout = TimeSpan.FromSeconds(20) }, Ct);
        var engine = new LoadEngine();

        var hot = await engine.RunAsync(At(target.Port, "/cpu?n=200&key={connection}", connections: 4, iterations: 25), null, Ct);
        var unique = await engine.RunAsync(At(target.Port, "/cpu?n=200&key={connection}-{request}", connections: 4, iterations: 25), null, Ct);
        var uncached = await engine.RunAsync(At(target.Port, "/hello", connections: 2, iterations: 10), null, Ct);

        // Each connection's first request of its own key misses (no lock, no other connection asks for it); the rest hit.
        Assert.Equal((100L, 0L), (hot.Requests, hot.ErrorCount));
        Assert.Equal(new CacheResult(Hits: 96, Misses: 4, Other: 0), CacheOf(hot));
        Assert.Equal((100L, 0L), (unique.Requests, unique.ErrorCount));
        Assert.Equal(new CacheResult(Hits: 0, Misses: 100, Other: 0), CacheOf(unique));
        Assert.Equal(20, uncached.Requests);
        Assert.Null(CacheOf(uncached));
    }
}
