using Bench.Targets;

namespace Bench.Tests.Support;

/// <summary>Starts a real Bench.Targets process on a port it picks itself; always stopped on dispose.</summary>
public static class RunningTarget
{
    public static Task<TargetProcess> StartAsync(string model, params string[] extraArgs)
    {
        var definition = new TargetDefinition(
            model,
            "test",
            [TargetsBinary.Locate(), "--model", model, "--port", TargetDefinition.PortPlaceholder, .. extraArgs],
            new Dictionary<string, string>());
        return TargetProcess.StartAsync(definition, TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);
    }
}
