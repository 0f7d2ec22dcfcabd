using System.Text.Json;
using System.Text.Json.Nodes;
using Bench.Results;
using Bench.Tests.Support;

namespace Bench.Tests.Results;

/// <summary>docs/results.schema.json and what the writer writes must agree, in both directions.</summary>
public sealed class ResultsSchemaTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly string _dir = Directory.CreateTempSubdirectory("bench-schema-").FullName;
    private readonly JsonDocument _schema = JsonDocument.Parse(File.ReadAllText(RepositoryFiles.PathOf("docs", "results.schema.json")));

    public void Dispose()
    {
        _schema.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private async Task<string> WrittenResultsAsync(bool finished, bool autoRepeats = false)
    {
        var recorder = new RunRecorder(new RunWriter(_dir), SampleResults.Run());
        await recorder.AddScenarioAsync(SampleResults.Scenario(autoRepeats ? "{ auto: true, max: 4, ci: 2.5% }" : "2"), Ct);
        await recorder.RecordVerificationAsync("io", new TargetVerification("threads", false, "not ready within 15 s"), Ct);
        await recorder.RecordLevelAsync("io", SampleResults.Level("sync", 1, 1, 48), new CellInterval("sync", 1, 1, 1, 48, null, autoRepeats ? false : null), Ct);
        await recorder.RecordLevelAsync("io", SampleResults.Level("sync", 1, 2, 50), new CellInterval("sync", 1, 2, 2, 49, 12.7, autoRepeats ? false : null), Ct);
        await recorder.RecordLevelAsync("io", SampleResults.Level("async", 64, 1, 3000, valid: false), Ct);
        if (finished)
        {
            await recorder.CompleteAsync(SampleResults.Start.AddMinutes(1), Ct);
        }

        return await File.ReadAllTextAsync(recorder.Writer.ResultsPath, Ct);
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, false)]
    [InlineData(true, true)]
    public async Task A_written_results_json_satisfies_the_schema(bool finished, bool autoRepeats)
    {
        using var written = JsonDocument.Parse(await WrittenResultsAsync(finished, autoRepeats));

        Assert.Empty(JsonSchemaCheck.Problems(_schema.RootElement, written.RootElement));
    }

    [Fact]
    public async Task The_check_reports_a_missing_field_a_wrong_type_and_an_unknown_field()
    {
        var json = JsonNode.Parse(await WrittenResultsAsync(finished: true))!;
        var level = json["scenarios"]![0]!["results"]![0]!.AsObject();
        level.Remove("valid");
        level["requests"] = "many";
        level["surprise"] = 1;
        using var broken = JsonDocument.Parse(json.ToJsonString());

        var problems = JsonSchemaCheck.Problems(_schema.RootElement, broken.RootElement);

        Assert.Equal(
        [
            "$.scenarios[0].results[0]: required 'valid' is missing",
            "$.scenarios[0].results[0].requests: is string, schema allows integer",
            "$.scenarios[0].results[0]: 'surprise' is not in the schema",
        ], problems);
    }

    [Fact]
    public void Every_field_the_schema_describes_is_required_because_the_writer_always_writes_it()
    {
        var loose = new List<string>();
        Walk(_schema.RootElement, "#");

        Assert.Empty(loose);

        void Walk(JsonElement node, string path)
        {
            if (node.ValueKind == JsonValueKind.Object)
            {
                if (node.TryGetProperty("properties", out var properties))
                {
                    var required = node.TryGetProperty("required", out var r) ? r.EnumerateArray().Select(e => e.GetString()).ToHashSet() : [];
                    loose.AddRange(properties.EnumerateObject().Where(p => !required.Contains(p.Name)).Select(p => $"{path}/{p.Name}"));
                }

                foreach (var child in node.EnumerateObject())
                {
                    Walk(child.Value, $"{path}/{child.Name}");
                }
            }
            else if (node.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in node.EnumerateArray())
                {
                    Walk(item, path);
                }
            }
        }
    }
}
