using Bench.Launch;
using Bench.Tests.Support;

namespace Bench.Tests.Launch;

/// <summary>
/// A launch with a folder of its own marks every process it starts with that folder in their environment: a daemon that
/// leaves the target's tree (RabbitMQ's epmd) is found by it and killed when the target stops; extra ports are free and
/// distinct.
/// </summary>
public sealed class LaunchMarkerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Given_a_target_whose_child_daemonized_out_of_its_tree_then_stopping_it_kills_that_child_too()
    {
        // The subshell starts the sleep and exits at once: the sleep is reparented, no longer the target's descendant.
        var definition = new TargetDefinition(
            "daemonizing", "test", ["sh", "-c", "(exec sleep 300 &); echo ready on $PORT; exec sleep 300"],
            new Dictionary<string, string> { ["PORT"] = TargetDefinition.PortPlaceholder, ["SCRATCH"] = TargetDefinition.DirPlaceholder })
        {
            Readiness = new StdoutReadiness("ready on"),
        };
        await using var target = await TargetProcess.StartAsync(definition, TimeSpan.FromSeconds(10), Ct);
        string marker = $"{TargetLaunch.LaunchMarker}={target.Dir}";
        var daemon = await WaitForAsync(() => ProcessEnvironment.With(marker).Where(p => p.Pid != target.Pid).ToArray());
        Assert.Single(daemon);
        Assert.DoesNotContain(Bench.Launch.Sampling.ProcessTree.Of(target.Pid, Bench.Launch.Sampling.ProcFs.System), p => p.Pid == daemon[0].Pid);

        await target.StopAsync(TimeSpan.FromSeconds(2));

        Assert.Empty(ProcessEnvironment.With(marker));
    }

    [Fact]
    public void Given_an_entry_using_the_extra_ports_then_each_is_a_free_port_distinct_from_its_own_and_the_others()
    {
        var definition = new TargetDefinition(
            "ports", "test", ["x", TargetDefinition.PortPlaceholder, "{extra_port_1}"],
            new Dictionary<string, string> { ["EPMD"] = "{extra_port_2}" })
        {
            Readiness = new HttpReadiness("/"), // given a port, not announcing one
        };

        var launch = TargetLaunch.Plan(definition, new TargetLaunchOptions());

        int[] ports = [launch.PlannedPort, int.Parse(launch.StartInfo.ArgumentList[1]), int.Parse(launch.StartInfo.Environment["EPMD"]!)];
        Assert.Equal(3, ports.Distinct().Count());
        Assert.All(ports, p => Assert.InRange(p, 1, 65535));
        Assert.False(launch.StartInfo.Environment.ContainsKey(TargetLaunch.LaunchMarker), "no folder, no marker");
    }

    private static async Task<T[]> WaitForAsync<T>(Func<T[]> read)
    {
        for (int i = 0; i < 100; i++)
        {
            if (read() is { Length: > 0 } found)
            {
                return found;
            }

            await Task.Delay(20, Ct);
        }

        return [];
    }
}
