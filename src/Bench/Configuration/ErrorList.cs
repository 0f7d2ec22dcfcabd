using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Bench.Configuration;

/// <summary>Collects the problems of one file so a user sees all of them at once.</summary>
public sealed class ErrorList(string file)
{
    private readonly List<InputError> _errors = [];

    public string File { get; } = file;

    public IReadOnlyList<InputError> Errors => _errors;

    public bool Any => _errors.Count > 0;

    public SourceLocation At(Mark mark) => new(File, (int)mark.Line, (int)mark.Column);

    public SourceLocation At(YamlNode node) => At(node.Start);

    public void Add(SourceLocation location, string message) => _errors.Add(new InputError(location, message));

    public void Add(YamlNode node, string message) => Add(At(node), message);

    public void AddRange(IEnumerable<InputError> errors) => _errors.AddRange(errors);
}
