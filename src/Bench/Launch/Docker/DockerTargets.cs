using System.Collections.Concurrent;
using Bench.Launch.Sampling;

namespace Bench.Launch.Docker;

/// <summary>
/// Everything a run's docker targets share: one engine connection, made at the run's start when an engine answers
/// (<see cref="RemoveAbandonedAsync"/>, which also removes what a killed earlier run left behind) or else when the first
/// docker target starts (a run without one never needs an engine); one image per recipe, built only when its inputs
/// changed; and the labels that find this run's containers again. An engine that does not answer a docker target is
/// said once, and every docker target is then skipped with that line.
/// </summary>
public sealed class DockerTargets(string? dockerHost, Action<string>? note = null, string run = "bench") : IAsyncDisposable
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan CleanupTimeout = TimeSpan.FromSeconds(15);

    private readonly SemaphoreSlim _connecting = new(1, 1);
    private readonly RecipeImages _images = new(note);
    private DockerEngine? _engine;
    private DockerUnavailableException? _unavailable;

    public ContainerLabels Labels { get; } = ContainerLabels.ForThisProcess() with { Run = run };

    public string Endpoint => DockerEngine.EndpointFor(dockerHost);

    /// <summary>Builds (or reuses) the target's image and starts its container; an unreachable engine or a bad recipe is a <see cref="TargetStartException"/>.</summary>
    public async Task<ContainerTarget> StartAsync(TargetDefinition definition, TargetLaunchOptions options, CancellationToken cancellationToken)
    {
        var spec = definition.Container ?? throw new ArgumentException($"'{definition.Name}' is not a docker target", nameof(definition));
        var engine = await EngineAsync(forTarget: true, cancellationToken) ?? throw new TargetStartException(definition.Name, $"skipped: {_unavailable!.Message}", "");
        string image = await ImageAsync(engine, definition.Name, spec.Image, cancellationToken);
        return await ContainerTarget.StartAsync(engine.Client, definition, image, options, Labels, cancellationToken);
    }

    private Task<string> ImageAsync(DockerEngine engine, string target, ImageRecipe recipe, CancellationToken cancellationToken) =>
        _images.EnsureAsync(engine, recipe, target, error => new TargetStartException(target, $"cannot build its image: {error}", ""), cancellationToken);

    /// <summary>
    /// At a run's start: when an engine answers, removes the containers of Bench runs that died before they could (and
    /// keeps the connection for the run's docker targets). When none answers, says nothing: the run may need none, and
    /// a docker target that does need it says so when it starts.
    /// </summary>
    public async Task RemoveAbandonedAsync(CancellationToken cancellationToken)
    {
        try
        {
            await EngineAsync(forTarget: false, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Interrupted before anything ran.
        }
    }

    /// <summary>Removes every container this launcher still has (none, normally: each target removes its own).</summary>
    public async Task RemoveOwnContainersAsync()
    {
        if (_engine is { } engine)
        {
            using var limit = new CancellationTokenSource(CleanupTimeout);
            await LeftoverContainers.RemoveLauncherAsync(engine.Client, Labels.Launcher, limit.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await RemoveOwnContainersAsync();
        }
        catch (Exception e) when (e is OperationCanceledException or global::Docker.DotNet.DockerApiException or IOException or HttpRequestException)
        {
            note?.Invoke($"could not check for containers left behind: {e.Message}");
        }

        _engine?.Dispose();
        _connecting.Dispose();
    }

    /// <summary>
    /// The engine, connected once (and the abandoned containers removed right then); null when it does not answer,
    /// said once, and for good, when a docker target asked (<paramref name="forTarget"/>).
    /// </summary>
    private async Task<DockerEngine?> EngineAsync(bool forTarget, CancellationToken cancellationToken)
    {
        await _connecting.WaitAsync(cancellationToken);
        try
        {
            if (_engine is not null || _unavailable is not null)
            {
                return _engine;
            }

            try
            {
                _engine = await DockerEngine.ConnectAsync(dockerHost, ConnectTimeout, cancellationToken);
            }
            catch (DockerUnavailableException e)
            {
                if (forTarget)
                {
                    _unavailable = e;
                    note?.Invoke($"{e.Message}: docker targets are skipped");
                }

                return null;
            }

            await RemoveAbandonedContainersAsync(_engine, cancellationToken);
            return _engine;
        }
        finally
        {
            _connecting.Release();
        }
    }

    /// <summary>Best effort: an engine that fails here still runs containers, and a later run tries again.</summary>
    private async Task RemoveAbandonedContainersAsync(DockerEngine engine, CancellationToken cancellationToken)
    {
        try
        {
            int removed = await LeftoverContainers.RemoveAbandonedAsync(engine.Client, ProcFs.System, cancellationToken);
            if (removed > 0)
            {
                note?.Invoke($"removed {removed} container(s) left behind by an earlier Bench run that did not end cleanly");
            }
        }
        catch (Exception e) when (e is global::Docker.DotNet.DockerApiException or HttpRequestException or IOException)
        {
            note?.Invoke($"could not remove containers left behind by earlier runs: {e.Message}");
        }
    }
}
