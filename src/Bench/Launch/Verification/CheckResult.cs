namespace Bench.Launch.Verification;

/// <summary>One contract check against one target.</summary>
public sealed record CheckResult(string Name, bool Passed, string Detail);
