namespace Bench.Targets;

/// <summary>The targets Bench knows. For now the C# models; the YAML catalogue comes with the sweep runner.</summary>
public sealed class TargetCatalog(IReadOnlyList<TargetDefinition> targets)
{
    private static readonly (string Name, string Description)[] Models =
    [
        ("sync", "one thread: serves one connection until it closes, then accepts the next"),
        ("threads", "a new OS thread per connection, blocking I/O"),
        ("pool", "16 worker threads taking connections from a queue, blocking I/O"),
        ("async", "async/await on the .NET thread pool (idiomatic .NET)"),
        ("eventloop", "async/await with every continuation on one thread (asyncio style)"),
        ("callbacks", "SocketAsyncEventArgs completion callbacks on one thread (asyncio Protocol style)"),
        ("kestrel", "ASP.NET Core minimal API on Kestrel: the industrial async reference"),
    ];

    public IReadOnlyList<TargetDefinition> Targets { get; } = targets;

    public static TargetCatalog BuiltIn(string targetsBinary) => new(
        Models.Select(m => new TargetDefinition(
            m.Name,
            m.Description,
            [targetsBinary, "--model", m.Name, "--port", TargetDefinition.PortPlaceholder],
            new Dictionary<string, string>())).ToArray());

    public bool TryResolve(IEnumerable<string> names, out IReadOnlyList<TargetDefinition> selected, out string error)
    {
        var list = new List<TargetDefinition>();
        foreach (string name in names)
        {
            var target = Targets.FirstOrDefault(t => t.Name == name);
            if (target is null)
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
