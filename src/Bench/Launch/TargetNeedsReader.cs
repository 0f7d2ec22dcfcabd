using Bench.Configuration;

namespace Bench.Launch;

/// <summary>
/// Reads a target's <c>needs: [redis]</c>: each a dependency declared under <c>dependencies:</c>, whose port the target is
/// told through <c>{redis_port}</c> in its command, environment or files (docs/targets.md, "Dependencies").
/// </summary>
internal static class TargetNeedsReader
{
    public const string Field = "needs";

    /// <summary>Empty when absent; null (reported at the item's line and column) when a name is not a declared dependency.</summary>
    public static IReadOnlyList<TargetDefinition>? Read(YamlMap target, IReadOnlyList<TargetDefinition> dependencies)
    {
        if (target.List(Field, "a list of dependency names, like [redis]", required: false, allowEmpty: false) is not { } items)
        {
            return target.Has(Field) ? null : [];
        }

        var needs = new List<TargetDefinition>();
        for (int i = 0; i < items.Count; i++)
        {
            string? name = YamlValues.Text(items[i], $"{target.PathOf(Field)}[{i}]", "a dependency name", target.Errors);
            if (name is null)
            {
                continue;
            }

            if (dependencies.FirstOrDefault(d => d.Name == name) is not { } dependency)
            {
                string known = dependencies.Count == 0 ? "none is declared (a 'dependencies:' list)" : $"declared: {string.Join(", ", dependencies.Select(d => d.Name))}";
                target.Errors.Add(items[i], $"{target.PathOf(Field)}[{i}]: unknown dependency '{name}'; {known}");
                continue;
            }

            needs.Add(dependency);
        }

        return needs.Count == items.Count ? needs : null;
    }

    /// <summary>
    /// A target must say where it finds what it needs, and name no dependency's port it does not need; a dependency reached
    /// through another one the target is told about (the RPC worker, through the broker's queue) needs no port of its own.
    /// </summary>
    public static void CheckPlaceholders(YamlMap target, IReadOnlyList<TargetDefinition>? needs, IReadOnlyList<TargetDefinition> dependencies, IReadOnlyList<string> texts)
    {
        foreach (var dependency in dependencies)
        {
            string placeholder = $"{{{LaunchValues.DependencyPortPlaceholder(dependency.Name)}}}";
            bool used = texts.Any(t => t.Contains(placeholder, StringComparison.Ordinal));
            bool needed = needs?.Contains(dependency) == true;
            if (used && !needed)
            {
                target.Errors.Add(target.Location, $"{target.Path}: uses {placeholder} without needs: [{dependency.Name}]");
            }
            else if (needed && !used && !ReachedThrough(dependency, texts))
            {
                target.Errors.Add(target.Location, $"{target.Path}: needs {dependency.Name} but is never told where: put {placeholder} in command, environment or a file");
            }
        }
    }

    private static bool ReachedThrough(TargetDefinition dependency, IReadOnlyList<string> texts) =>
        dependency.Needs.Any(n => texts.Any(t => t.Contains($"{{{LaunchValues.DependencyPortPlaceholder(n.Name)}}}", StringComparison.Ordinal)));
}
