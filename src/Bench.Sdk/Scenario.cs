using System.Runtime.CompilerServices;

namespace Bench.Sdk;

/// <summary>Where a code-first scenario starts, as in NBomber: <c>Scenario.Create(name, async ctx =&gt; … return Response.Ok(); })</c>.</summary>
public static class Scenario
{
    /// <summary>A scenario whose iteration is <paramref name="run"/>: the whole call is measured, and each <see cref="Step.Run{T}"/> inside it apart.</summary>
    public static ScenarioProps Create(
        string name,
        Func<IScenarioContext, Task<IResponse>> run,
        [CallerFilePath] string file = "",
        [CallerLineNumber] int line = 0) =>
        new(name ?? throw new ArgumentNullException(nameof(name)), run ?? throw new ArgumentNullException(nameof(run)), $"{file}:{line}:1");
}
