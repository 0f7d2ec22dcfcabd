using Bench.Launch.Docker;
using Bench.Launch.Sampling;
using Docker.DotNet;

namespace Bench.Cluster.Swarm;

/// <summary>
/// What runs of Bench on this machine left on a swarm when they died before they could remove it: their services
/// (by their owner labels), then the images they imported into other nodes (by their marker tags), once those
/// services' containers are gone.
/// </summary>
internal static class AbandonedRuns
{
    /// <summary>Best effort: a swarm that fails here still takes the run, and a later connect tries again. An image still in use (its container not gone yet) stays for the next one.</summary>
    public static async Task RemoveAsync(DockerClient manager, IEnumerable<DockerEngine> nodeEngines, string host, Action<string>? note, CancellationToken cancellationToken)
    {
        try
        {
            var removed = await LeftoverServices.RemoveAbandonedAsync(manager, host, ProcFs.System, cancellationToken);
            if (removed.Count > 0)
            {
                note?.Invoke($"removed {removed.Count} swarm service(s) left behind by an earlier Bench run that did not end cleanly");
                await ServiceTasks.WaitGoneAsync(manager, removed, cancellationToken); // their containers hold the images below
            }

            // The manager's own images are its build cache; only what was imported into other nodes is the runs'.
            int images = 0;
            foreach (var engine in nodeEngines)
            {
                images += (await NodeImages.RemoveAbandonedAsync(engine, host, ProcFs.System, cancellationToken)).Count;
            }

            if (images > 0)
            {
                note?.Invoke($"removed {images} image(s) an earlier Bench run imported into swarm nodes and could not remove");
            }
        }
        catch (Exception e) when (e is DockerApiException or HttpRequestException or IOException)
        {
            note?.Invoke($"could not remove what earlier runs left on the swarm (services, imported images): {e.Message.Split('\n')[0]}");
        }
    }
}
