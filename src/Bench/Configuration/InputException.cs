namespace Bench.Configuration;

/// <summary>
/// An input file that cannot be used, with every problem found in it (not only the first), each one a
/// <c>file:line:column: message</c> line. Commands print <see cref="Errors"/> and exit 2; never a stack trace.
/// </summary>
public abstract class InputException(IReadOnlyList<InputError> errors)
    : Exception(string.Join(Environment.NewLine, errors))
{
    public IReadOnlyList<InputError> Errors { get; } = errors;
}
