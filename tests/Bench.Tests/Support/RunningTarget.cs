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
    /// The catalogue entry, started through Bench's launcher with a header timeout of <paramref name="headerTimeout"/>
    /// (TargetLaunchOptions fills {header_timeout}; an entry whose program has no such setting runs as it would anyway,
    /// and its recorded differences say so).
    /// </summary>
    public static async Task<TargetProcess> StartEntryAsync(string model, TimeSpan headerTimeout)
    {
        var entry = TargetCatalog.LoadDefault().Find(model) ?? throw new ArgumentException($"no catalogue entry '{model}'", nameof(model));
        await using var launcher = new TargetLauncher(new DockerTargets(dockerHost: null));
        var started = await launcher.StartAsync(
            entry,
            new TargetLaunchOptions { ReadyTimeout = TimeSpan.FromSeconds(20), HeaderTimeout = headerTimeout },
            TestContext.Current.CancellationToken);
        return started as TargetProcess ?? throw new ArgumentException($"'{model}' is not a process target", nameof(model));
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
