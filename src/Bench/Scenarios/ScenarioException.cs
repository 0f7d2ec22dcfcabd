using Bench.Configuration;

namespace Bench.Scenarios;

/// <summary>Scenario files that cannot be run; nothing has been launched when this is thrown.</summary>
public sealed class ScenarioException(IReadOnlyList<InputError> errors) : InputException(errors);
