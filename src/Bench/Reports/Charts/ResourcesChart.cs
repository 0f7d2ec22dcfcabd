namespace Bench.Reports.Charts;

/// <summary>What each request costs the target: CPU milliseconds per request (left axis) and peak resident memory (right axis).</summary>
internal static class ResourcesChart
{
    public const string Slug = "resources";

    private static readonly TwoAxisChart Shape = new(
        Slug,
        "CPU per request and peak memory",
        "CPU per request that rises with the level is overhead the concurrency model adds (context switches, scheduling, contention); memory that rises with it is what each connection holds — a thread stack per connection shows up here first.",
        new("target CPU per request (ms)", c => c.CpuMsPerRequest ?? 0, PerRequest: true, Floor: 0.001),
        new("peak RSS (MiB)", c => c.PeakRssMiB, PerRequest: false, Floor: 1));

    public static Chart Build(ScenarioView view, TargetPalette palette) => Shape.Build(view, palette);
}
