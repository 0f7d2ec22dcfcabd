using Bench.Launch;

namespace Bench.Tests.Support;

/// <summary>
/// The targets every contract test runs against: the C# models of Bench.Targets, and every catalogue entry that runs
/// the Python targets (targets/python/serve.py), read from the catalogue so a new one is tested without listing it here.
/// </summary>
public static class Models
{
    public static readonly string[] CSharp = ["sync", "threads", "pool", "async", "eventloop", "callbacks", "kestrel"];

    public static readonly string[] Python = [.. TargetCatalog.LoadDefault().Targets
        .Where(t => t.Kind == TargetKind.Process && t.Command.Any(a => a.EndsWith("/targets/python/serve.py", StringComparison.Ordinal)))
        .Select(t => t.Name)];

    public static readonly string[] All = [.. CSharp, .. Python];

    public static TheoryData<string> AllModels() => new(All);
}
