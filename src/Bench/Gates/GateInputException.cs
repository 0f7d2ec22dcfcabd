using Bench.Configuration;

namespace Bench.Gates;

/// <summary>Gates that cannot be checked at all (malformed, no baseline to regress against); commands exit 2.</summary>
public sealed class GateInputException(IReadOnlyList<InputError> errors) : InputException(errors);
