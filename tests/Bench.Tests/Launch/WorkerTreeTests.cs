using Bench.Launch;
using Bench.Launch.Docker;
using Bench.Launch.Sampling;
using Bench.Tests.Support;

namespace Bench.Tests.Launch;

/// <summary>
/// A target that is a tree of processes (gunicorn's master and its forked workers): Bench samples the whole tree, and
/// stopping the target leaves none of them, checked by PID.
/// </summary>
public sealed class WorkerTreeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Given_gunicorn_with_four_workers_when_stopped_through_the_launcher_then_master_and_every_worker_are_gone()
    {
        var entry = RepositoryFiles.Catalog().Find("flask-gunicorn-sync-4")!;
        await using var launcher = new TargetLauncher(new DockerTargets(dockerHost: null));
        var target = (TargetProcess)await launcher.StartAsync(entry, new TargetLaunchOptions { ReadyTimeout = TimeSpan.FromSeconds(20) }, Ct);
        ProcStat[] tree;
        try
        {
            tree = await WholeTreeAsync(target.Pid, expected: 5);
            Assert.Equal(5, tree.Length); // master + 4 workers, all in the tree Bench samples
            Assert.All(tree.Skip(1), worker => Assert.Equal(target.Pid, worker.ParentPid));
        }
        finally
        {
            await target.StopAsync(TimeSpan.FromSeconds(5));
        }

        Assert.All(tree, p => Assert.False(IsAlive(p), $"process {p.Pid} of the tree survived the stop"));
        await target.DisposeAsync();
    }

    /// <summary>gunicorn is ready once one worker answers; the others may still be booting.</summary>
    private static async Task<ProcStat[]> WholeTreeAsync(int root, int expected)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        deadline.CancelAfter(TimeSpan.FromSeconds(15));
        while (true)
        {
            var tree = ProcessTree.Of(root, ProcFs.System).ToArray();
            if (tree.Length >= expected || deadline.IsCancellationRequested)
            {
                return tree;
            }

            await Task.Delay(50, CancellationToken.None);
        }
    }

    internal static bool IsAlive(ProcStat process) =>
        ProcFs.System.Stat(process.Pid) is { IsZombie: false } now && now.StartTime == process.StartTime;
}
