using System.Text.Json;
using Bench.Cli;
using Bench.Launch;
using Bench.Results;
using Bench.Tests.Support;

namespace Bench.Sdk.Tests.Support;

/// <summary>
/// Runs code-first scenarios in the test's process into a temporary run folder, with the console captured, and reads
/// back the results.json they wrote (checked against docs/results.schema.json). The folder is removed afterwards.
/// </summary>
public sealed class SdkRun : IDisposable
{
    public string Folder { get; } = Directory.CreateTempSubdirectory("bench-sdk-").FullName;

    public StringWriter Output { get; } = new();

    public StringWriter Errors { get; } = new();

    public int ExitCode { get; private set; } = -1;

    public string ResultsPath => Path.Combine(Folder, ResultsJson.FileName);

    public async Task<int> RunAsync(ScenarioProps[] scenarios, TimeProvider? time = null, CancellationToken cancellationToken = default, params string[] args)
    {
        var runner = BenchRunner.RegisterScenarios(scenarios).WithReportFolder(Folder).WithConsole(Output, Errors);
        ExitCode = await (time is null ? runner : runner.WithTimeProvider(time)).Run(args, cancellationToken);
        return ExitCode;
    }

    /// <summary>Asserts the exit code, showing what the run printed on stderr when it is another.</summary>
    public void AssertExit(int expected) => Assert.True(ExitCode == expected, $"exit {ExitCode}, expected {expected}: {Errors}");

    /// <summary>
    /// Asserts the run succeeded, or was invalid only because the generator saturated: the meter reads this whole process,
    /// so copies calling a server in the test's own process, or iterations that only throw (a few milliseconds of
    /// exceptions), can make it busy enough to be flagged — a fair verdict, and not what a test of something else checks.
    /// </summary>
    public void AssertRanOrOnlySaturated()
    {
        string errors = Errors.ToString();
        bool onlySaturated = ExitCode == ExitCodes.InvalidRun
            && errors.Split('\n', StringSplitOptions.RemoveEmptyEntries).All(line => line.Contains("the load generator saturated its cores", StringComparison.Ordinal));
        Assert.True(ExitCode == ExitCodes.Success || onlySaturated, $"exit {ExitCode}: {errors}");
    }

    /// <summary>results.json as written, after checking it against the schema.</summary>
    public RunResults Results()
    {
        string json = File.ReadAllText(ResultsPath);
        using var schema = JsonDocument.Parse(File.ReadAllText(Path.Combine(TargetsBinary.RepositoryRoot(), "docs", "results.schema.json")));
        using var written = JsonDocument.Parse(json);
        Assert.Empty(JsonSchemaCheck.Problems(schema.RootElement, written.RootElement));
        return ResultsJson.Deserialize(json, ResultsPath);
    }

    /// <summary>The record of <paramref name="target"/> (the scenario or a step) at <paramref name="level"/>.</summary>
    public LevelResult Level(string scenario, string target, int level) =>
        Results().Scenarios.Single(s => s.Name == scenario).Results.Single(r => r.Target == target && r.Level == level);

    public void Dispose()
    {
        Output.Dispose();
        Errors.Dispose();
        Directory.Delete(Folder, recursive: true);
    }
}
