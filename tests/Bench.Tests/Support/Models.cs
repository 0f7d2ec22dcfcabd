using Bench.Launch;
using Bench.Servers.Hosting;

namespace Bench.Tests.Support;

/// <summary>
/// The targets every contract test runs against: the C# models of Bench.Targets' registry, and every catalogue entry that runs
/// the Python targets (targets/python/serve.py), read from the catalogue so a new one is tested without listing it here.
/// </summary>
public static class Models
{
    /// <summary>The C# models, from Bench.Targets' registry: a new model is tested without listing it here.</summary>
    public static readonly string[] CSharp = [.. ModelRegistry.Names];

    public static readonly string[] Python = [.. TargetCatalog.LoadDefault().Targets
        .Where(t => t.Kind == TargetKind.Process && t.Command.Any(a => a.EndsWith("/targets/python/serve.py", StringComparison.Ordinal)))
        .Select(t => t.Name)];

    public static readonly string[] All = [.. CSharp, .. Python];

    public static TheoryData<string> AllModels() => new(All);
}
