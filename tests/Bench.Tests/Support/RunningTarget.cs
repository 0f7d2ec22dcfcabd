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
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(20);

    /// <summary>
    /// The catalogue entry, started through Bench's launcher with a header timeout of <paramref name="headerTimeout"/>
    /// (TargetLaunchOptions fills {header_timeout}; an entry whose program has no such setting runs as it would anyway,
    /// and its recorded differences say so).
    /// </summary>
    public static Task<TargetProcess> StartEntryAsync(string model, TimeSpan headerTimeout) =>
        LaunchAsync(Entry(model), new TargetLaunchOptions { ReadyTimeout = ReadyTimeout, HeaderTimeout = headerTimeout });

    public static async Task<TargetProcess> StartAsync(string model, params string[] extraArgs)
    {
        if (Models.CSharp.Contains(model))
        {
            var definition = new TargetDefinition(
                model,
                "test",
                [TargetsBinary.Locate(), "--model", model, "--port", TargetDefinition.PortPlaceholder, .. extraArgs],
                new Dictionary<string, string>());
            return await TargetProcess.StartAsync(definition, ReadyTimeout, TestContext.Current.CancellationToken);
        }

        var entry = Entry(model);
        return await LaunchAsync(entry with { Command = [.. entry.Command, .. extraArgs] }, new TargetLaunchOptions { ReadyTimeout = ReadyTimeout });
    }

    private static TargetDefinition Entry(string model) =>
        TargetCatalog.LoadDefault().Find(model) ?? throw new ArgumentException($"no catalogue entry '{model}'", nameof(model));

    /// <summary>Through Bench's own launcher, as a run starts it: an entry missing what it requires fails, naming it.</summary>
    private static async Task<TargetProcess> LaunchAsync(TargetDefinition entry, TargetLaunchOptions options)
    {
        await using var launcher = new TargetLauncher(new DockerTargets(dockerHost: null));
        var started = await launcher.StartAsync(entry, options, TestContext.Current.CancellationToken);
        return started as TargetProcess ?? throw new ArgumentException($"'{entry.Name}' is not a process target", nameof(entry));
    }
}
