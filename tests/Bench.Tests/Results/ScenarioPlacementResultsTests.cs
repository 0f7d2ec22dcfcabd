using System.Text.Json;
using System.Text.Json.Nodes;
using Bench.Results;
using Bench.Tests.Support;

namespace Bench.Tests.Results;

/// <summary>A scenario's own placement and its gates' explanations in results.json: written, read back, in the schema, and absent from older files.</summary>
public sealed class ScenarioPlacementResultsTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly string _dir = Directory.CreateTempSubdirectory("bench-placement-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private async Task<string> WrittenAsync(PlacementDefinition? placement)
    {
        var recorder = new RunRecorder(new RunWriter(_dir), SampleResults.Run());
        await recorder.AddScenarioAsync(SampleResults.Scenario(), placement, Ct);
        await recorder.RecordLevelAsync("io", SampleResults.Level("sync", 1, 1, 48), Ct);
        return await File.ReadAllTextAsync(recorder.Writer.ResultsPath, Ct);
    }

    [Fact]
    public async Task Given_a_scenario_placement_it_is_written_and_read_back_and_satisfies_the_schema()
    {
        string json = await WrittenAsync(new PlacementDefinition("0-1", null));

        var read = ResultsJson.Deserialize(json, "r.json");
        Assert.Equal(new PlacementDefinition("0-1", null), read.Scenarios[0].Definition.Placement);
        using var schema = JsonDocument.Parse(await File.ReadAllTextAsync(RepositoryFiles.PathOf("docs", "results.schema.json"), Ct));
        using var written = JsonDocument.Parse(json);
        Assert.Empty(JsonSchemaCheck.Problems(schema.RootElement, written.RootElement));
    }

    [Fact]
    public async Task Given_no_scenario_placement_null_is_written()
    {
        var node = JsonNode.Parse(await WrittenAsync(null))!;

        Assert.True(node["scenarios"]![0]!["definition"]!.AsObject().ContainsKey("placement"));
        Assert.Null(node["scenarios"]![0]!["definition"]!["placement"]);
    }

    [Fact]
    public async Task A_results_file_written_before_placement_and_why_existed_still_reads()
    {
        var node = JsonNode.Parse(await WrittenAsync(new PlacementDefinition("0-1", 1)))!;
        var definition = node["scenarios"]![0]!["definition"]!.AsObject();
        definition.Remove("placement");
        foreach (var gate in definition["gates"]!.AsArray())
        {
            gate!.AsObject().Remove("why");
        }

        var read = ResultsJson.Deserialize(node.ToJsonString(), "old.json");

        Assert.Null(read.Scenarios[0].Definition.Placement);
        Assert.Null(Assert.Single(read.Scenarios[0].Definition.Gates).Why);
    }
}
