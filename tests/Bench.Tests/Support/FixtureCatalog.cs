using Bench.Launch;
using Bench.Servers.Hosting;

namespace Bench.Tests.Support;

/// <summary>
/// The catalogue tests load scenarios against, independent of targets/targets.yaml: every C# model of the registry
/// under its own name, launched from the built binary and serving the whole contract, and <c>hello-only</c>, an entry
/// that serves /hello alone. Adding, renaming or removing an entry of the real catalogue changes none of these tests.
/// </summary>
public static class FixtureCatalog
{
    public const string HelloOnly = "hello-only";

    private static readonly string[] Contract = ["/hello", "/io", "/cpu", "/blocking", "/info"];

    public static TargetCatalog Models() => new(
    [
        .. ModelRegistry.Models.Select(m => new TargetDefinition(
            m.Name,
            m.Description,
            [TargetsBinary.Locate(), "--model", m.Name, "--port", TargetDefinition.PortPlaceholder],
            new Dictionary<string, string>()) { Supports = Contract }),
        new TargetDefinition(HelloOnly, "serves /hello alone", [TargetsBinary.Locate(), "--model", "async", "--port", TargetDefinition.PortPlaceholder], new Dictionary<string, string>())
        {
            Supports = ["/hello"],
        },
    ]);
}
