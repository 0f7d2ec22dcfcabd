namespace Bench.Servers.Models;

/// <summary>
/// Names a concurrency model for <c>--model</c> and says in one line how it gets concurrency. A class that implements
/// <see cref="IServerModel"/> and carries this attribute is a model: the registry, the usage text and the tests' list
/// of models read it (a new model is one file plus its catalogue entry).
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ServerModelAttribute(string name, string description) : Attribute
{
    public string Name { get; } = name;

    public string Description { get; } = description;
}
