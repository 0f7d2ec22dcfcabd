using System.Text.Json;
using Bench.Results;
using Bench.Tests.Support;

namespace Bench.Tests.Results;

public sealed class RunRecorderTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly string _dir = Directory.CreateTempSubdirectory("bench-run-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private async Task<RunRecorder> RecordedRunAsync()
    {
        var recorder = new RunRecorder(new RunWriter(_dir), SampleResults.Run());
        await recorder.AddScenarioAsync(SampleResults.Scenario(), Ct);
        await recorder.RecordVerificationAsync("io", new TargetVerification("sync", true, null), Ct);
        await recorder.RecordVerificationAsync("io", new TargetVerification("async", true, null), Ct);
        await recorder.RecordVerificationAsync("io", new TargetVerification("threads", false, "hello: expected 200, got 500"), Ct);
        foreach (int repeat in new[] { 1, 2 })
        {
            await recorder.RecordLevelAsync("io", SampleResults.Level("sync", 1, repeat, 48), Ct);
            await recorder.RecordLevelAsync("io", SampleResults.Level("async", 1, repeat, 49 + repeat), Ct);
            await recorder.RecordLevelAsync("io", SampleResults.Level("async", 64, repeat, 3000 * repeat, valid: repeat == 1), Ct);
        }

        return recorder;
    }

    [Fact]
    public async Task Every_recorded_level_is_on_disk_at_once_so_an_interrupted_run_keeps_it()
    {
        var recorder = new RunRecorder(new RunWriter(_dir), SampleResults.Run());
        await recorder.AddScenarioAsync(SampleResults.Scenario(), Ct);
        await recorder.RecordLevelAsync("io", SampleResults.Level("sync", 1, 1, 48), Ct);

        var onDisk = await ResultsJson.ReadAsync(Path.Combine(_dir, "results.json"), Ct);

        Assert.Equal(RunResults.CurrentSchemaVersion, onDisk.SchemaVersion);
        Assert.Null(onDisk.Run.EndedAt);
        Assert.Equal(("sync", 1, 48.0), (onDisk.Scenarios[0].Results[0].Target, onDisk.Scenarios[0].Results[0].Level, onDisk.Scenarios[0].Results[0].ThroughputRps));
        Assert.Contains("Run not finished", await File.ReadAllTextAsync(Path.Combine(_dir, "summary.md"), Ct), StringComparison.Ordinal);
        Assert.Equal(["results.json", "summary.csv", "summary.md"], Directory.GetFiles(_dir).Select(Path.GetFileName).Order());
    }

    [Fact]
    public async Task Results_json_reads_back_equal_to_what_was_recorded()
    {
        var recorder = await RecordedRunAsync();
        await recorder.CompleteAsync(SampleResults.Start.AddMinutes(2), Ct);

        var read = await ResultsJson.ReadAsync(recorder.Writer.ResultsPath, Ct);

        Assert.Equal(ResultsJson.Serialize(recorder.Current), ResultsJson.Serialize(read));
        Assert.Equal(SampleResults.Start.AddMinutes(2), read.Run.EndedAt);
        Assert.Equal(6, read.Scenarios[0].Results.Count);
        Assert.Equal(2, read.Scenarios[0].Results[^1].Errors["timeout"]);
    }

    [Fact]
    public async Task Results_json_uses_camel_case_names_and_keeps_error_kinds_as_written()
    {
        var recorder = await RecordedRunAsync();

        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(recorder.Writer.ResultsPath, Ct));
        var level = json.RootElement.GetProperty("scenarios")[0].GetProperty("results")[5];

        Assert.Equal(3000 * 2, level.GetProperty("throughputRps").GetDouble());
        Assert.Equal(25.5, level.GetProperty("latencyMs").GetProperty("p99").GetDouble());
        Assert.Equal(1, level.GetProperty("errors").GetProperty("connect, refused").GetInt64());
        Assert.Equal("0", json.RootElement.GetProperty("run").GetProperty("pinning").GetProperty("targetCpus").GetString());
        Assert.Equal("closed", json.RootElement.GetProperty("scenarios")[0].GetProperty("definition").GetProperty("load").GetProperty("model").GetString());
    }

    [Fact]
    public async Task Gates_are_recorded_as_written_with_their_file_line_and_column()
    {
        var recorder = await RecordedRunAsync();

        var read = await ResultsJson.ReadAsync(recorder.Writer.ResultsPath, Ct);

        Assert.Equal(new GateDefinition("async@64 throughput / sync@64 throughput >= 10", "io.yaml:6:10"), Assert.Single(read.Scenarios[0].Definition.Gates));
    }

    [Fact]
    public async Task Summary_md_shows_a_level_without_success_as_dashes_its_starved_connections_and_a_noisy_note()
    {
        var recorder = new RunRecorder(new RunWriter(_dir), SampleResults.Run());
        await recorder.AddScenarioAsync(SampleResults.Scenario(), Ct);
        await recorder.RecordLevelAsync("io", SampleResults.Level("sync", 256, 1, 0) with
        {
            Requests = 0,
            ErrorCount = 512,
            LatencyMs = null,
            Histogram = null,
            Resources = SampleResults.Level("sync", 256, 1, 0).Resources with { CpuMsPerRequest = null },
            StarvedConnections = 256,
            Fairness = null,
            Interference = new Bench.Launch.Sampling.Interference([0, 1], 0.08, 0.02),
        }, Ct);

        string md = await File.ReadAllTextAsync(Path.Combine(_dir, "summary.md"), Ct);

        Assert.Contains("| sync | 256 | 0 | – | – | 512 | 100 % | 256 | – | – |", md, StringComparison.Ordinal);
        Assert.Contains("noisy: 10% of cores 0,1 taken by other work (steal 8%, other processes 2%)", md, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_summaries_have_one_row_per_target_and_level_and_every_repeat_in_the_csv()
    {
        await RecordedRunAsync();

        string[] csv = (await File.ReadAllLinesAsync(Path.Combine(_dir, "summary.csv"), Ct));
        string md = await File.ReadAllTextAsync(Path.Combine(_dir, "summary.md"), Ct);

        Assert.StartsWith("scenario,target,level,repeat,requests,throughput_rps,p50_ms,p99_ms", csv[0], StringComparison.Ordinal);
        Assert.Equal(1 + 6, csv.Length);
        Assert.Equal("io,async,64,2,60000,6000,20.1,25.5,32.75,3,0.00005,,,,0.5,0.05,,50331648,12,0.4,true,false,the generator's core was saturated", csv[^1]);
        Assert.Contains("| sync | 1 | 48 (48–48) | 20.1 | 25.5 | 0 | 0 % | – | – | 0.05 | 48 | median of 2 repeats |", md, StringComparison.Ordinal);
        Assert.Contains("| async | 1 | 50.5 (50–51) |", md, StringComparison.Ordinal);
        Assert.Contains("| async | 64 | 3000 | 20.1 | 25.5 | 0 | 0 % | – | – | 0.05 | 48 | 1 valid repeat of 2; repeat 2 invalid: the generator's core was saturated |", md, StringComparison.Ordinal);
        Assert.Contains("**threads failed verification, not measured:** hello: expected 200, got 500", md, StringComparison.Ordinal);
        Assert.Contains("waits 20 ms, with | and, commas", md, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rewriting_replaces_the_file_whole_and_leaves_no_temporary_files()
    {
        var recorder = await RecordedRunAsync();
        string before = await File.ReadAllTextAsync(recorder.Writer.ResultsPath, Ct);

        await recorder.CompleteAsync(SampleResults.Start.AddMinutes(1), Ct);

        string after = await File.ReadAllTextAsync(recorder.Writer.ResultsPath, Ct);
        Assert.NotEqual(before, after);
        Assert.Equal(3, Directory.GetFiles(_dir).Length);
        Assert.Empty(Directory.GetFiles(_dir, "*.tmp", new EnumerationOptions { AttributesToSkip = 0 }));
    }

    [Fact]
    public async Task A_level_for_a_scenario_never_added_is_a_programming_error()
    {
        var recorder = new RunRecorder(new RunWriter(_dir), SampleResults.Run());

        await Assert.ThrowsAsync<InvalidOperationException>(() => recorder.RecordLevelAsync("nope", SampleResults.Level("sync", 1, 1, 1), Ct));
    }

    [Fact]
    public void A_file_of_another_schema_version_is_refused_with_a_clear_message()
    {
        var error = Assert.Throws<InvalidDataException>(() => ResultsJson.Deserialize("""{"schemaVersion": 99}""", "old.json"));

        Assert.Equal("old.json: schemaVersion 99; this Bench reads 2", error.Message);
        Assert.StartsWith("x.json: not a results.json:", Assert.Throws<InvalidDataException>(() => ResultsJson.Deserialize("{", "x.json")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cell_s_interval_is_written_with_its_level_replacing_the_cell_s_previous_one_and_reads_back()
    {
        var recorder = new RunRecorder(new RunWriter(_dir), SampleResults.Run());
        await recorder.AddScenarioAsync(SampleResults.Scenario("auto"), Ct);
        await recorder.RecordLevelAsync("io", SampleResults.Level("sync", 1, 1, 48), new CellInterval("sync", 1, 1, 1, 48, null, false), Ct);
        await recorder.RecordLevelAsync("io", SampleResults.Level("async", 1, 1, 49), new CellInterval("async", 1, 1, 1, 49, null, false), Ct);
        await recorder.RecordLevelAsync("io", SampleResults.Level("sync", 1, 2, 50), new CellInterval("sync", 1, 2, 2, 49, 12.7, false), Ct);

        var read = await ResultsJson.ReadAsync(recorder.Writer.ResultsPath, Ct);

        var scenario = read.Scenarios[0];
        Assert.Equal(3, scenario.Results.Count);
        Assert.Equal([new CellInterval("async", 1, 1, 1, 49, null, false), new CellInterval("sync", 1, 2, 2, 49, 12.7, false)], scenario.Intervals.OrderBy(c => c.Target));
        Assert.Equal(new AutoRepeatsDefinition(3, 5, 5), scenario.Definition.Load.AutoRepeats);
        Assert.Equal(5, scenario.Definition.Load.Repeats);
    }

    [Fact]
    public async Task A_results_json_written_before_intervals_existed_still_reads_with_none()
    {
        var recorder = await RecordedRunAsync();
        var json = System.Text.Json.Nodes.JsonNode.Parse(ResultsJson.Serialize(recorder.Current))!;
        json["scenarios"]![0]!.AsObject().Remove("intervals");
        json["scenarios"]![0]!["definition"]!["load"]!.AsObject().Remove("autoRepeats");

        var read = ResultsJson.Deserialize(json.ToJsonString(), "old.json");

        Assert.Empty(read.Scenarios[0].Intervals);
        Assert.Null(read.Scenarios[0].Definition.Load.AutoRepeats);
        Assert.Equal(2, read.Scenarios[0].PlannedRepeats("sync", 1));
    }
}
