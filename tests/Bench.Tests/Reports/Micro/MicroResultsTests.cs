using System.Text.Json;
using Bench.Reports.Micro;
using Bench.Tests.Support;

namespace Bench.Tests.Reports.Micro;

/// <summary>micro.json as a run folder holds it: read, written, and refused in one line with where when it is not one.</summary>
public sealed class MicroResultsTests : IDisposable
{
    private static readonly string Fixture = RepositoryFiles.PathOf("tests", "Bench.Tests", "Reports", "Fixtures", "micro.json");

    private readonly string _dir = Directory.CreateTempSubdirectory("bench-micro-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Path => System.IO.Path.Combine(_dir, MicroResults.FileName);

    [Fact]
    public void Given_a_run_folder_with_micro_json_When_read_Then_every_benchmark_has_its_op_cost_and_allocation()
    {
        File.Copy(Fixture, Path);

        var micro = MicroResults.TryRead(_dir);

        Assert.NotNull(micro);
        Assert.Equal("0.15.8", micro.BenchmarkDotNetVersion);
        Assert.Equal(new DateTimeOffset(2026, 12, 2, 11, 30, 0, TimeSpan.Zero), micro.Date);
        Assert.Equal(["SuspendResume.Callbacks", "SuspendResume.Awaits", "ThreadStartJoin.NewThread"], micro.Benchmarks.Select(b => b.Name));
        var thread = micro.Benchmarks[2];
        Assert.Equal(("one new Thread started and joined (an empty body)", 61204.5, 5210.7, 2312L), (thread.Op, thread.MeanNs, thread.ErrorNs, thread.AllocatedBytes));
        Assert.Null(micro.Benchmarks[1].ErrorNs);
    }

    [Fact]
    public void Given_results_When_a_lesson_looks_one_up_by_name_Then_it_gets_that_cost_or_null()
    {
        File.Copy(Fixture, Path);

        var micro = MicroResults.TryRead(_dir)!;

        Assert.Equal(27.31, micro.Find("SuspendResume.Awaits")?.MeanNs);
        Assert.Null(micro.Find("SuspendResume.awaits"));
        Assert.Null(micro.Find("Nothing.Here"));
    }

    [Fact]
    public void Given_a_run_folder_without_micro_json_When_read_Then_there_are_no_micro_results()
    {
        Assert.Null(MicroResults.TryRead(_dir));
        Assert.Null(MicroReading.Of(_dir));
    }

    [Fact]
    public void Given_results_When_written_and_read_back_Then_they_are_the_same()
    {
        var written = MicroResults.TryRead(System.IO.Path.GetDirectoryName(Fixture)!)!;

        var read = MicroJson.Deserialize(MicroJson.Serialize(written), "x.json");

        Assert.Equal(written with { Benchmarks = [] }, read with { Benchmarks = [] });
        Assert.Equal(written.Benchmarks, read.Benchmarks);
    }

    [Fact]
    public void The_fixture_and_what_Bench_writes_are_micro_json_as_the_schema_describes()
    {
        using var schema = JsonDocument.Parse(File.ReadAllText(RepositoryFiles.PathOf("docs", "micro.schema.json")));
        using var fixture = JsonDocument.Parse(File.ReadAllText(Fixture));
        using var written = JsonDocument.Parse(MicroJson.Serialize(MicroJson.Deserialize(File.ReadAllText(Fixture), Fixture)));

        Assert.Empty(JsonSchemaCheck.Problems(schema.RootElement, fixture.RootElement));
        Assert.Empty(JsonSchemaCheck.Problems(schema.RootElement, written.RootElement));
    }

    [Theory]
    // A string where a number belongs, on line 11: System.Text.Json points just past the value it could not convert.
    [InlineData("\"meanNs\": 1.634", "\"meanNs\": \"fast\"", "{path}:11:23: not a micro.json: Cannot get the value of a token type 'String' as a number. (at $.benchmarks[0].meanNs)")]
    // Broken syntax: a missing comma before "errorNs", which starts line 12 at column 7.
    [InlineData("\"meanNs\": 1.634,", "\"meanNs\": 1.634", "{path}:12:7: not a micro.json: '\"' is invalid after a value. Expected either ',', '}', or ']'. (at $.benchmarks[0])")]
    public void Given_a_malformed_micro_json_When_read_Then_one_line_names_the_file_line_and_column(string find, string replace, string expected)
    {
        File.WriteAllText(Path, File.ReadAllText(Fixture).Replace(find, replace, StringComparison.Ordinal));

        var error = Assert.Throws<InvalidDataException>(() => MicroResults.TryRead(_dir));

        Assert.Equal(expected.Replace("{path}", Path, StringComparison.Ordinal), error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Equal(expected.Replace("{path}", Path, StringComparison.Ordinal), MicroReading.Of(_dir)?.Problem);
    }

    [Theory]
    [InlineData("\"schemaVersion\": 1", "\"schemaVersion\": 3", "{path}: schemaVersion 3; this Bench reads 1")]
    [InlineData("\"meanNs\": 1.634", "\"meanNs\": -1", "{path}: benchmarks[0] ('SuspendResume.Callbacks'): a benchmark needs a name and a mean, error and allocation of at least 0")]
    public void Given_a_micro_json_with_a_wrong_value_When_read_Then_one_line_says_which(string find, string replace, string expected)
    {
        File.WriteAllText(Path, File.ReadAllText(Fixture).Replace(find, replace, StringComparison.Ordinal));

        var error = Assert.Throws<InvalidDataException>(() => MicroResults.TryRead(_dir));

        Assert.Equal(expected.Replace("{path}", Path, StringComparison.Ordinal), error.Message);
    }

    [Fact]
    public void Given_a_micro_json_missing_a_field_When_read_Then_one_line_with_its_location()
    {
        File.WriteAllText(Path, """
            {
              "schemaVersion": 1,
              "benchmarkDotNetVersion": "0.15.8"
            }
            """);

        var error = Assert.Throws<InvalidDataException>(() => MicroResults.TryRead(_dir));

        Assert.StartsWith($"{Path}:4:2: not a micro.json: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("date", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }
}
