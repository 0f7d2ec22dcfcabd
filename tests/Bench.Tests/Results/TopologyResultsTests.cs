using System.Text;
using System.Text.Json;
using Bench.Launch.Proxies;
using Bench.Launch.Sampling;
using Bench.Reports;
using Bench.Reports.Html;
using Bench.Results;
using Bench.Scenarios;
using Bench.Tests.Support;

namespace Bench.Tests.Results;

/// <summary>
/// A proxy in front of replicas in results.json: its topology with the verification, each level's components beside
/// the total, the variant's proxy and replica count — as the schema says, read back whole, and shown in the report's
/// Components table.
/// </summary>
public sealed class TopologyResultsTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly string _dir = Directory.CreateTempSubdirectory("bench-topology-results-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static Scenario Scenario() => Assert.Single(new ScenarioLoader(ProxyCatalog.Models()).Parse("""
        name: io
        description: a proxy in front of replicas
        targets: [{ name: sync-front, target: sync, proxy: front, replicas: [2] }]
        request: { path: "/io?ms=20" }
        load: { levels: [16] }
        """, "s.yaml"));

    private static LevelResult Level()
    {
        // Proxy 0.2 CPU-s, each replica 0.3: 0.8 in all over 1000 successful requests.
        var parts = new[]
        {
            new ComponentUsage("proxy", "front", new ResourceUsage(0.2, 10 << 20, 2, 100, 5, 40, TimeSpan.FromSeconds(10))),
            new ComponentUsage("replica 1", "sync", new ResourceUsage(0.3, 30 << 20, 6, 300, 10, 40, TimeSpan.FromSeconds(10))),
            new ComponentUsage("replica 2", "sync", new ResourceUsage(0.3, 31 << 20, 6, 310, 11, 40, TimeSpan.FromSeconds(10))),
        };
        var usage = TopologyMeter.Total(parts);
        return SampleResults.Level("sync-front-x2", 16, 1, 100) with
        {
            Resources = ResourceResult.From(usage, 1000, 1000),
            Components = ComponentResult.From(usage, 1000, 1000),
        };
    }

    private async Task<string> WrittenAsync()
    {
        var recorder = new RunRecorder(new RunWriter(_dir), SampleResults.Run());
        await recorder.AddScenarioAsync(Scenario(), Ct);
        await recorder.RecordVerificationAsync("io", new TargetVerification("sync-front-x2", true, null)
        {
            Topology = new TopologyRecord("front", "sync", 2, 1, "0", 0.5, "front (1 worker) and 2 × sync share the target's placement: each on cores 0, each under its own quota of 0.5 core"),
        }, Ct);
        await recorder.RecordLevelAsync("io", Level(), Ct);
        await recorder.CompleteAsync(SampleResults.Start.AddMinutes(1), Ct);
        return recorder.Writer.ResultsPath;
    }

    [Fact]
    public async Task Given_a_level_of_a_proxy_in_front_of_replicas_then_results_json_has_its_components_and_topology_as_the_schema_says()
    {
        string path = await WrittenAsync();
        using var schema = JsonDocument.Parse(await File.ReadAllTextAsync(RepositoryFiles.PathOf("docs", "results.schema.json"), Ct));
        using var written = JsonDocument.Parse(await File.ReadAllTextAsync(path, Ct));

        Assert.Empty(JsonSchemaCheck.Problems(schema.RootElement, written.RootElement));
        var scenario = written.RootElement.GetProperty("scenarios")[0];
        var variant = scenario.GetProperty("definition").GetProperty("variants")[0];
        Assert.Equal(("sync-front-x2", "front", 2), (variant.GetProperty("name").GetString(), variant.GetProperty("proxy").GetString(), variant.GetProperty("replicas").GetInt32()));
        Assert.Equal(2, scenario.GetProperty("verification")[0].GetProperty("topology").GetProperty("replicas").GetInt32());
        var components = scenario.GetProperty("results")[0].GetProperty("components");
        Assert.Equal(["proxy", "replica 1", "replica 2"], components.EnumerateArray().Select(c => c.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task The_total_is_the_sum_of_the_components_and_each_costs_its_share_of_a_request()
    {
        var read = await ResultsJson.ReadAsync(await WrittenAsync(), Ct);
        var level = Assert.Single(read.Scenarios[0].Results);

        Assert.Equal(0.8, level.Resources.CpuSeconds, 9);
        Assert.Equal(0.8, level.Resources.CpuMsPerRequest!.Value, 9);
        Assert.Equal((10 + 30 + 31) << 20, level.Resources.PeakRssBytes);
        Assert.Equal([0.2, 0.3, 0.3], level.Components!.Select(c => Math.Round(c.Resources.CpuMsPerRequest!.Value, 9)));
        Assert.Equal(level.Resources.CpuMsPerRequest!.Value, level.Components!.Sum(c => c.Resources.CpuMsPerRequest!.Value), 9);
    }

    [Fact]
    public async Task The_report_shows_a_components_row_with_the_proxys_share_and_none_for_a_scenario_without_components()
    {
        var read = await ResultsJson.ReadAsync(await WrittenAsync(), Ct);
        var view = ScenarioView.From(read.Scenarios[0], read.Run);
        var html = new StringBuilder();

        ComponentsTable.Append(html, view, new TargetPalette(read));

        string text = System.Text.RegularExpressions.Regex.Replace(html.ToString(), "<[^>]+>", "|");
        Assert.Contains("sync-front-x2||16||2||0.8||0.2||0.6||25 %||10", text, StringComparison.Ordinal);

        var plain = read with { Scenarios = [read.Scenarios[0] with { Results = [read.Scenarios[0].Results[0] with { Components = null }] }] };
        var none = new StringBuilder();
        ComponentsTable.Append(none, ScenarioView.From(plain.Scenarios[0], plain.Run), new TargetPalette(plain));
        Assert.Equal("", none.ToString());
    }

    [Fact]
    public async Task The_components_row_shows_the_caches_hits_misses_and_other_answers_when_the_level_has_a_cache_record()
    {
        var read = await ResultsJson.ReadAsync(await WrittenAsync(), Ct);
        var cached = read with { Scenarios = [read.Scenarios[0] with { Results = [read.Scenarios[0].Results[0] with { Cache = new CacheResult(96, 4, 0) }] }] };
        var html = new StringBuilder();

        ComponentsTable.Append(html, ScenarioView.From(cached.Scenarios[0], cached.Run), new TargetPalette(cached));

        string text = System.Text.RegularExpressions.Regex.Replace(html.ToString(), "<[^>]+>", "|");
        Assert.Contains("cache hits / misses / other", text, StringComparison.Ordinal);
        Assert.Contains("||25 %||10||96 / 4 / 0 (96 % hits)|", text, StringComparison.Ordinal);
    }
}
