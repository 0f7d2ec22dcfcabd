using Bench.Configuration;

namespace Bench.Launch;

/// <summary>A target catalogue that cannot be used, with every problem found in it.</summary>
public sealed class CatalogException(IReadOnlyList<InputError> errors) : InputException(errors);
