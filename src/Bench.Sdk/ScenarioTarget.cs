namespace Bench.Sdk;

/// <summary>The catalogue target a sweep (<see cref="ScenarioProps.WithTargets"/>) is driving now, and where it listens.</summary>
/// <param name="Name">Its catalogue name (<c>async</c>, <c>sync</c>…), the target results.json records.</param>
/// <param name="BaseAddress">http://127.0.0.1:&lt;port&gt;/ — relative requests resolve against it.</param>
public sealed record ScenarioTarget(string Name, Uri BaseAddress);
