using Bench.Launch.Docker;

namespace Bench.Launch;

/// <summary>
/// Starts any catalogue entry (unless it lacks what it requires): a process directly, a docker target through one <see cref="DockerTargets"/> shared by
/// the whole run (one engine connection, one image build per recipe, one clean-up). Disposing it removes every
/// container the run still has.
/// </summary>
public sealed class TargetLauncher(DockerTargets docker) : IAsyncDisposable
{
    /// <summary>
    /// A launcher whose docker targets use $DOCKER_HOST, else the default socket; <paramref name="run"/> names the run on
    /// its containers' labels.
    /// </summary>
    public static TargetLauncher ForEnvironment(Action<string>? note = null, string run = "bench") =>
        new(new DockerTargets(Environment.GetEnvironmentVariable("DOCKER_HOST"), note, run));

    public DockerTargets Docker { get; } = docker;

    /// <summary>Starts it; an entry missing what it requires is a <see cref="TargetStartException"/> of one line naming the package.</summary>
    public async Task<IRunningTarget> StartAsync(TargetDefinition definition, TargetLaunchOptions options, CancellationToken cancellationToken)
    {
        if (definition.Requires.Missing() is { } missing)
        {
            throw new TargetStartException(definition.Name, missing, "");
        }

        return definition.Kind == TargetKind.Docker
            ? await Docker.StartAsync(definition, options, cancellationToken)
            : await TargetProcess.StartAsync(definition, options, cancellationToken);
    }

    public ValueTask DisposeAsync() => Docker.DisposeAsync();
}
