namespace Bench.Launch;

/// <summary>The targets Bench knows, from targets/targets.yaml (<see cref="TargetCatalogLoader"/>).</summary>
public sealed class TargetCatalog(IReadOnlyList<TargetDefinition> targets)
{
    public IReadOnlyList<TargetDefinition> Targets { get; } = targets;

    /// <summary>The servers Bench starts for the targets that need them (<c>dependencies:</c>, such as redis).</summary>
    public IReadOnlyList<TargetDefinition> Dependencies { get; init; } = [];

    /// <summary>The proxies a scenario may put in front of replicas of a target (<c>proxies:</c>: nginx, haproxy, …).</summary>
    public IReadOnlyList<Proxies.ProxyDefinition> Proxies { get; init; } = [];

    public Proxies.ProxyDefinition? FindProxy(string name) => Proxies.FirstOrDefault(p => p.Name == name);

    /// <summary>Names another catalogue file for every command (for example one adding a local server).</summary>
    public const string EnvironmentVariable = "BENCH_CATALOG";

    /// <summary>$BENCH_CATALOG, else targets/targets.yaml of this checkout, with {targets_bin} the built Bench.Targets.</summary>
    public static string DefaultPath =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } path
            ? path
            : Path.Combine(TargetsBinary.RepositoryRoot(), "targets", "targets.yaml");

    /// <summary>Loads <see cref="DefaultPath"/>; throws <see cref="CatalogException"/> listing every problem.</summary>
    public static TargetCatalog LoadDefault() => TargetCatalogLoader.LoadFile(DefaultPath, TargetCatalogLoader.StandardPlaceholders());

    public TargetDefinition? Find(string name) => Targets.FirstOrDefault(t => t.Name == name);

    public bool TryResolve(IEnumerable<string> names, out IReadOnlyList<TargetDefinition> selected, out string error)
    {
        var list = new List<TargetDefinition>();
        foreach (string name in names)
        {
            if (Find(name) is not { } target)
            {
                selected = [];
                error = $"unknown target '{name}'; known: {string.Join(", ", Targets.Select(t => t.Name))}";
                return false;
            }

            list.Add(target);
        }

        selected = list.Count == 0 ? Targets : list;
        error = "";
        return true;
    }
}
