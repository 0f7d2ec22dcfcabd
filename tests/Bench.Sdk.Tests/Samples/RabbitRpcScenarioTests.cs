using Bench.Sdk.Tests.Support;
using Bench.Results;

namespace Bench.Sdk.Tests.Samples;

/// <summary>samples/RabbitRpcScenario as a user runs it (its built executable), shortened to a 1 s level.</summary>
public sealed class RabbitRpcScenarioTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("bench-rabbit-sample-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Given_the_rabbit_sample_when_it_runs_then_it_exits_0_with_checked_replies_and_leaves_no_broker_worker_or_epmd()
    {
        if (!File.Exists("/usr/lib/rabbitmq/bin/rabbitmq-server"))
        {
            Assert.Skip("rabbitmq-server is not installed (scripts/setup.sh installs Debian's rabbitmq-server)");
        }

        var (samplePid, exitCode, printed, errors) = await SampleProcess.RunAsync(
            "RabbitRpcScenario", _folder, new Dictionary<string, string> { ["RPC_SCENARIO_SECONDS"] = "1" }, TimeSpan.FromSeconds(120), TestContext.Current.CancellationToken);
        Assert.True(exitCode == 0, $"exit {exitCode}: {printed} {errors}");

        // Every process a launch starts carries its owner's pid (the broker's epmd, which leaves the tree, included).
        Assert.Empty(OwnedBy(samplePid));

        var results = ResultsJson.Deserialize(await File.ReadAllTextAsync(Path.Combine(_folder, ResultsJson.FileName), TestContext.Current.CancellationToken), _folder);
        var scenario = Assert.Single(results.Scenarios);
        var rpc = Assert.Single(scenario.Results, r => r.Target == "rpc");
        Assert.True(rpc.Requests > 20, $"{rpc.Requests} replies in the second");
        Assert.Equal(0, rpc.ErrorCount);
    }

    private static List<string> OwnedBy(int owner)
    {
        string marker = $"BENCH_OWNER_PID={owner}\0";
        var alive = new List<string>();
        foreach (string dir in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                if (int.TryParse(Path.GetFileName(dir), out _) && File.ReadAllText(Path.Combine(dir, "environ")).Contains(marker, StringComparison.Ordinal)
                    && !File.ReadAllText(Path.Combine(dir, "stat")).Contains(") Z ", StringComparison.Ordinal))
                {
                    alive.Add($"{Path.GetFileName(dir)} {File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ')}");
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // gone meanwhile, or not ours to read
            }
        }

        return alive;
    }
}
