using System.Text.RegularExpressions;
using Bench.Sdk.Tests.Support;
using Bench.Results;

namespace Bench.Sdk.Tests.Samples;

/// <summary>samples/RedisScenario as a user runs it (its built executable), shortened to a 1 s level.</summary>
public sealed partial class RedisScenarioTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("bench-redis-sample-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Given_the_redis_sample_when_it_runs_then_it_exits_0_with_set_and_get_measured_and_leaves_no_redis_server()
    {
        if (!File.Exists("/usr/bin/redis-server"))
        {
            Assert.Skip("redis-server is not installed (scripts/setup.sh installs Debian's redis-server)");
        }

        var (_, exitCode, printed, errors) = await SampleProcess.RunAsync(
            "RedisScenario", _folder, new Dictionary<string, string> { ["REDIS_SCENARIO_SECONDS"] = "1" }, TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        Assert.True(exitCode == 0, $"exit {exitCode}: {printed} {errors}");
        int pid = int.Parse(RedisPid().Match(printed).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.False(Directory.Exists($"/proc/{pid}") && File.ReadAllText($"/proc/{pid}/cmdline").Contains("redis-server", StringComparison.Ordinal), $"redis-server {pid} still runs");

        var results = ResultsJson.Deserialize(await File.ReadAllTextAsync(Path.Combine(_folder, ResultsJson.FileName), TestContext.Current.CancellationToken), _folder);
        var scenario = Assert.Single(results.Scenarios);
        Assert.Equal(["redis_get_set", "set", "get"], scenario.Definition.Targets);
        foreach (string target in scenario.Definition.Targets)
        {
            var level = Assert.Single(scenario.Results, r => r.Target == target);
            Assert.True(level.Requests > 100, $"{target}: {level.Requests} in the second");
            Assert.Equal(0, level.ErrorCount);
        }
    }

    [GeneratedRegex(@"\(pid (\d+)\)")]
    private static partial Regex RedisPid();
}
