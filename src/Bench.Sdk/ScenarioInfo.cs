namespace Bench.Sdk;

/// <summary>Which scenario, and which copy of it (virtual user), the code runs as.</summary>
/// <param name="ScenarioName">The name results.json records (the registered one, other characters than letters, digits, '.', '-', '_' made '_').</param>
/// <param name="InstanceNumber">The copy's number, from 0; the same copy keeps its number (and its <c>Data</c>) across simulations.</param>
public sealed record ScenarioInfo(string ScenarioName, int InstanceNumber)
{
    /// <summary>NBomber's name for <see cref="InstanceNumber"/>.</summary>
    public int ThreadNumber => InstanceNumber;

    /// <summary>NBomber's copy id: the scenario's name and the copy's number.</summary>
    public string ThreadId => $"{ScenarioName}_{InstanceNumber}";
}
