using Bench.Results;
using Bench.Scenarios;

namespace Bench.Tests.Support;

/// <summary>Results as a runner would record them, with every kind of value: valid and invalid levels, repeats, errors, a failed target.</summary>
public static class SampleResults
{
    public static readonly DateTimeOffset Start = new(2025, 3, 14, 15, 9, 26, TimeSpan.FromHours(1));

    public static RunInfo Run() => new(new MachineInfo(2, "Test CPU"), "Linux 6.1", ".NET 10.0.0", "0123456789abcdef0123456789abcdef01234567", new PinningInfo("0", "1"), Start, null);

    public static Scenario Scenario(string repeats = "2") => Assert.Single(new ScenarioLoader(FixtureCatalog.Models()).Parse($$"""
        name: io
        description: "waits 20 ms, with | and, commas"
        targets: [sync, async, threads]
        request: { path: "/io?ms=20", headers: { X-Run: "1" } }
        load: { levels: [1, 64], think: 1ms..2ms, repeats: {{repeats}} }
        gates: ["async@64 throughput / sync@64 throughput >= 10"]
        """, "io.yaml"));

    public static LevelResult Level(string target, int level, int repeat, double rps, bool valid = true) => new(
        target,
        level,
        repeat,
        Start.AddSeconds(level + repeat),
        10,
        (long)(rps * 10),
        rps,
        new LatencySummary(20.5, 1.25, 20.1, 20.4, 21, 25.5, 30, 31, 32.75),
        valid ? 0 : 3,
        valid ? new Dictionary<string, long>() : new Dictionary<string, long> { ["timeout"] = 2, ["connect, refused"] = 1 },
        [new SecondSample(0, (long)rps, 0, 25), new SecondSample(1, (long)rps, valid ? 0 : 3, 26.5)],
        new ResourceResult(0.5, 0.05, 48 * 1024 * 1024, 12, 1000, 20),
        new GeneratorResult(0.4, !valid),
        valid ? null : 137,
        valid,
        valid ? null : "the generator's core was saturated",
        "SElTVFMAAAA=")
    {
        Generator = new GeneratorResult(0.4, !valid) { SamplerCpuSeconds = 0.002 },
        Interference = valid ? new Bench.Launch.Sampling.Interference([0, 1], 0.001, 0.02) : null,
    };
}
