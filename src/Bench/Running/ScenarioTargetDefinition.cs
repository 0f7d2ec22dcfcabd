using Bench.Launch;
using Bench.Launch.Proxies;
using Bench.Scenarios;

namespace Bench.Running;

/// <summary>What is launched for one of a scenario's targets: its catalogue entry, or a proxy in front of replicas of it.</summary>
public static class ScenarioTargetDefinition
{
    /// <summary>The definition the sweep starts for <paramref name="name"/> (the scenario is validated: every name resolves).</summary>
    public static TargetDefinition For(TargetCatalog catalog, Scenario scenario, string name)
    {
        var entry = catalog.Find(scenario.CatalogueTarget(name))!;
        return scenario.Variants.TryGetValue(name, out var variant) && variant is { Proxy: { } proxy, Replicas: { } replicas }
            ? new ProxyTopology(catalog.FindProxy(proxy)!, entry, replicas).Define(name)
            : entry;
    }
}
