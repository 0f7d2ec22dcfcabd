using Bench.Servers.Models;

namespace Bench.Servers.Hosting;

/// <summary>The models a target process can run, by name.</summary>
public static class ModelCatalog
{
    public static readonly IReadOnlyList<string> Names = ["sync", "threads", "pool", "async", "eventloop", "callbacks", "kestrel"];

    public static IServerModel Create(string name) => name switch
    {
        "sync" => new SyncModel(),
        "threads" => new ThreadPerConnectionModel(),
        "pool" => new PoolModel(),
        "async" => new AsyncModel(),
        "eventloop" => new EventLoopModel(),
        "callbacks" => new CallbacksModel(),
        "kestrel" => new KestrelModel(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown model"),
    };
}
