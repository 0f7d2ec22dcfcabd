using Bench.Launch;
using Bench.Launch.Differences;
using Bench.Servers.Hosting;

namespace Bench.Tests.Support;

/// <summary>
/// The targets the contract suite runs against: every process entry of the catalogue (the C# models, the Python
/// targets, Flask, and any program added there), read from it so a new one is tested without listing it here. A test
/// that uses endpoints is generated only for the entries whose <c>supports</c> include them (<see cref="Serving"/>).
/// </summary>
public static class Models
{
    /// <summary>The C# models of Bench.Targets, from its own registry.</summary>
    public static readonly string[] CSharp = [.. ModelRegistry.Names];

    // An entry that needs a dependency (sync-redis) is its model told where Redis is: the contract suite runs on the model
    // itself, and the /redis tests (Servers/RedisTests) on these, each started beside the Redis it needs.
    private static readonly TargetDefinition[] Entries = [.. TargetCatalog.LoadDefault().Targets.Where(t => t.Kind == TargetKind.Process && t.Needs.Count == 0)];

    /// <summary>The process entries that need a dependency (the models behind Redis), by name.</summary>
    public static readonly string[] WithDependencies = [.. TargetCatalog.LoadDefault().Targets.Where(t => t.Kind == TargetKind.Process && t.Needs.Count > 0).Select(t => t.Name)];

    public static TheoryData<string> Needing(string dependency) =>
        new(TargetCatalog.LoadDefault().Targets.Where(t => t.Kind == TargetKind.Process && t.Needs.Any(n => n.Name == dependency)).Select(t => t.Name));

    public static readonly string[] Python = [.. Entries
        .Where(t => t.Command.Any(a => a.EndsWith("/targets/python/serve.py", StringComparison.Ordinal)))
        .Select(t => t.Name)];

    /// <summary>Every process entry of the catalogue.</summary>
    public static readonly string[] All = [.. Entries.Select(t => t.Name)];

    public static TheoryData<string> AllModels() => new(All);

    /// <summary>The entries that serve every one of <paramref name="endpoints"/> (comma-separated, like "/io,/blocking").</summary>
    public static TheoryData<string> Serving(string endpoints) => new(All.Where(m => Supports(m, endpoints.Split(','))));

    public static bool Supports(string model, IEnumerable<string> endpoints)
    {
        var entry = Entry(model);
        return entry.Supports.Count == 0 || endpoints.All(entry.Supports.Contains);
    }

    public static TargetDefinition Entry(string model) => Entries.Single(t => t.Name == model);

    /// <summary>
    /// The model /info must report: the catalogue name, but for an entry of Bench.Targets its --model (async-inline is the
    /// async model run with another setting).
    /// </summary>
    public static string InfoModel(string model)
    {
        var command = Entry(model).Command.ToList();
        return IsBenchTarget(model) ? command[command.IndexOf("--model") + 1] : model;
    }

    /// <summary>Whether the entry runs Bench.Targets (one of Bench's own models), not another program.</summary>
    public static bool IsBenchTarget(string model) => Entry(model).Command[0] == TargetsBinary.Locate();

    /// <summary>What the catalogue records for <paramref name="model"/> on <paramref name="check"/>; null: the contract holds.</summary>
    public static ContractDifference? Recorded(string model, string check) => Entry(model).Differences.GetValueOrDefault(check);
}
