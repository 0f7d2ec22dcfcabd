using Bench.Results;

namespace Bench.Gates.Baselines;

/// <summary>
/// results/baselines/&lt;scenario&gt;.json (docs/baseline.schema.json): per target × level, the mean, spread and count of
/// every gate metric over the valid repeats of one run, and which run that was. Regression gates compare against it.
/// </summary>
public sealed record Baseline(
    int SchemaVersion,
    string Scenario,
    string Request,
    string Model,
    DateTimeOffset CreatedAt,
    BaselineOrigin Origin,
    IReadOnlyList<BaselineEntry> Entries)
{
    public const int CurrentSchemaVersion = 1;

    public BaselineEntry? Find(string target, int level) => Entries.FirstOrDefault(e => e.Target == target && e.Level == level);
}

/// <summary>The run a baseline was made from: enough to tell whether it is comparable (same machine, same pinning).</summary>
public sealed record BaselineOrigin(string BenchCommit, DateTimeOffset RunStartedAt, MachineInfo Machine, PinningInfo Pinning);

/// <summary>One target at one level: gate metric name → its statistics over the repeats; null where the cell had no such value (a p99 without a success).</summary>
public sealed record BaselineEntry(string Target, int Level, IReadOnlyDictionary<string, MetricStats?> Metrics);
