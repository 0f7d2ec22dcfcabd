using Bench.Launch;

namespace Bench.Tests.Support;

/// <summary>Stand-in targets made of shell commands, for behaviour no real server shows on demand.</summary>
public static class TargetProcessFixtures
{
    public static TargetDefinition Define(string name, params string[] command) => new(name, "test", command, new Dictionary<string, string>());

    /// <summary>Runs <paramref name="script"/> under bash; it must print a "listening on" line to become ready.</summary>
    public static Task<TargetProcess> StartShellAsync(string script) =>
        TargetProcess.StartAsync(Define("shell", "bash", "-c", script), TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
}
