using System.Text.Json.Nodes;
using Bench.Results;
using Bench.Tests.Support;

namespace Bench.Tests.Results;

/// <summary>Reading results.json is strict: a reader (the report, a gate) gets a whole file or a one-line reason, never a null to trip over.</summary>
public sealed class ResultsJsonTests
{
    private static string Written()
    {
        var results = RunResults.Start(SampleResults.Run()) with
        {
            Scenarios = [new ScenarioResults("io", ScenarioDefinition.From(SampleResults.Scenario()), [], [SampleResults.Level("sync", 1, 1, 48)])],
        };
        return ResultsJson.Serialize(results);
    }

    [Theory]
    [InlineData("run")]
    [InlineData("scenarios")]
    public void A_file_missing_a_required_field_is_refused(string field)
    {
        var json = JsonNode.Parse(Written())!.AsObject();
        json.Remove(field);

        var error = Assert.Throws<InvalidDataException>(() => ResultsJson.Deserialize(json.ToJsonString(), "r.json"));

        Assert.StartsWith("r.json: not a results.json:", error.Message, StringComparison.Ordinal);
        Assert.Contains(field, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_null_where_the_schema_allows_none_is_refused()
    {
        var json = JsonNode.Parse(Written())!;
        json["scenarios"]![0]!["results"]![0]!["resources"] = null;

        var error = Assert.Throws<InvalidDataException>(() => ResultsJson.Deserialize(json.ToJsonString(), "r.json"));

        Assert.Contains("resources", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_of_another_version_is_named_by_its_version_even_when_fields_are_missing()
    {
        var error = Assert.Throws<InvalidDataException>(() => ResultsJson.Deserialize("""{"schemaVersion": 3, "runs": []}""", "new.json"));

        Assert.Equal("new.json: schemaVersion 3; this Bench reads 2", error.Message);
    }

    [Fact]
    public void A_written_file_reads_back_whole()
    {
        string json = Written();

        Assert.Equal(json, ResultsJson.Serialize(ResultsJson.Deserialize(json, "r.json")));
    }
}
