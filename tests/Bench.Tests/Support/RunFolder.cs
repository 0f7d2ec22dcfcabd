namespace Bench.Tests.Support;

/// <summary>A temporary folder for a `bench run` test: scenario and catalogue files written into it, removed afterwards.</summary>
public sealed class RunFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("bench-run-").FullName;

    /// <summary>Where the run writes its results.</summary>
    public string Output => System.IO.Path.Combine(Path, "run");

    public void Dispose() => Directory.Delete(Path, recursive: true);

    /// <summary>A one-scenario file: a closed-model sweep of <paramref name="targets"/> on <paramref name="path"/>, short windows.</summary>
    public string Scenario(string name, string targets, string path, string levels, string duration = "1s") =>
        Write($"{name}.yaml", $"""
            name: {name}
            description: test scenario
            targets: [{targets}]
            request: {"{"} path: "{path}" {"}"}
            load: {"{"} model: closed, levels: [{levels}], warmup: 300ms, duration: {duration}, cooldown: 100ms, timeout: 2s {"}"}
            """);

    public string Write(string file, string text)
    {
        string path = System.IO.Path.Combine(Path, file);
        File.WriteAllText(path, text);
        return path;
    }
}
