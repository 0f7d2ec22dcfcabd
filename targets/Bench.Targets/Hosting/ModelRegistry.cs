using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using Bench.Servers.Models;

namespace Bench.Servers.Hosting;

/// <summary>
/// The models a target process can run: every <see cref="IServerModel"/> of this assembly marked with
/// <see cref="ServerModelAttribute"/>, in name order.
/// </summary>
public static class ModelRegistry
{
    public sealed record Entry(string Name, string Description, Type Type);

    public static readonly IReadOnlyList<Entry> Models = Discover();

    public static readonly IReadOnlyList<string> Names = [.. Models.Select(m => m.Name)];

    public static IServerModel Create(string name)
    {
        var entry = Models.FirstOrDefault(m => m.Name == name) ?? throw new ArgumentOutOfRangeException(nameof(name), name, "unknown model");
        return (IServerModel)Activator.CreateInstance(entry.Type)!;
    }

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "The assembly is not trimmed; its models are its own public types.")]
    private static Entry[] Discover()
    {
        var models = typeof(ModelRegistry).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IServerModel).IsAssignableFrom(t))
            .Select(t => (Type: t, Attribute: t.GetCustomAttribute<ServerModelAttribute>()))
            .ToArray();
        if (models.FirstOrDefault(m => m.Attribute is null) is { Type: { } unnamed })
        {
            throw new InvalidOperationException($"{unnamed.Name} implements IServerModel without [ServerModel(name, description)]");
        }

        return [.. models.Select(m => new Entry(m.Attribute!.Name, m.Attribute.Description, m.Type)).OrderBy(m => m.Name, StringComparer.Ordinal)];
    }
}
