using Bench.Launch;
using Bench.Launch.Docker;

namespace Bench.Tests.Support;

/// <summary>
/// Starts a real target on a port it picks itself; always stopped on dispose. A C# model runs Bench.Targets directly;
/// any other name is a catalogue entry, started through Bench's own launcher (so an unavailable one fails, naming what
/// it lacks), with <paramref name="extraArgs"/> appended to its command.
/// </summary>
public static class RunningTarget
{
    /// <summary>
    /// Started with a header timeout of <paramref name="seconds"/> where the program takes one (Bench.Targets and the
    /// Python targets: --header-timeout); the others run as the catalogue has them.
    /// </summary>
    public static Task<TargetProcess> StartWithHeaderTimeoutAsync(string model, int seconds)
    {
        bool takesOne = Models.CSharp.Contains(model) || Models.Python.Contains(model) || Models.Entry(model).Command[0] == TargetsBinary.Locate();
        return takesOne ? StartAsync(model, "--header-timeout", seconds.ToString()) : StartAsync(model);
    }

    public static async Task<TargetProcess> StartAsync(string model, params string[] extraArgs)
    {
        if (Models.CSharp.Contains(model))
        {
            var definition = new TargetDefinition(
                model,
                "test",
                [TargetsBinary.Locate(), "--model", model, "--port", TargetDefinition.PortPlaceholder, .. extraArgs],
                new Dictionary<string, string>());
            return await TargetProcess.StartAsync(definition, TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);
        }

        var entry = TargetCatalog.LoadDefault().Find(model) ?? throw new ArgumentException($"no catalogue entry '{model}'", nameof(model));
        await using var launcher = new TargetLauncher(new DockerTargets(dockerHost: null));
        var started = await launcher.StartAsync(
            entry with { Command = [.. entry.Command, .. extraArgs] },
            new TargetLaunchOptions { ReadyTimeout = TimeSpan.FromSeconds(20) },
            TestContext.Current.CancellationToken);
        return started as TargetProcess ?? throw new ArgumentException($"'{model}' is not a process target", nameof(model));
    }
}
