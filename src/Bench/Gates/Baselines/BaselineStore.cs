using System.Text.Json;
using Bench.Results;

namespace Bench.Gates.Baselines;

/// <summary>A folder of baselines, one file per scenario (&lt;scenario&gt;.json); results/baselines/ by default, committed with the code.</summary>
public sealed class BaselineStore(string directory)
{
    public static string DefaultDirectory => Path.Combine(RunDirectory.DefaultRoot, "baselines");

    public string Directory { get; } = directory;

    public string PathFor(string scenario) => Path.Combine(Directory, scenario + ".json");

    /// <summary>The scenario's baseline, or null when there is none; <see cref="InvalidDataException"/> when the file is not one.</summary>
    public async Task<Baseline?> ReadAsync(string scenario, CancellationToken cancellationToken)
    {
        string path = PathFor(scenario);
        if (!File.Exists(path))
        {
            return null;
        }

        Baseline? baseline;
        try
        {
            baseline = JsonSerializer.Deserialize(await File.ReadAllTextAsync(path, cancellationToken), BaselineJsonContext.Default.Baseline);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not a baseline: {e.Message}", e);
        }

        if (baseline is null || baseline.SchemaVersion != Baseline.CurrentSchemaVersion)
        {
            throw new InvalidDataException($"{path}: schemaVersion {baseline?.SchemaVersion.ToString() ?? "missing"}; this Bench reads {Baseline.CurrentSchemaVersion}");
        }

        return baseline;
    }

    /// <summary>Writes (replacing, atomically) the baseline of its scenario; returns the file's path.</summary>
    public async Task<string> WriteAsync(Baseline baseline, CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(Directory);
        string path = PathFor(baseline.Scenario);
        await AtomicFile.WriteAllTextAsync(path, JsonSerializer.Serialize(baseline, BaselineJsonContext.Default.Baseline) + "\n", cancellationToken);
        return path;
    }
}
