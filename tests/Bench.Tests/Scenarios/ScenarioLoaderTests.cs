using Bench.Scenarios;
using Bench.Tests.Support;

namespace Bench.Tests.Scenarios;

public sealed class ScenarioLoaderTests
{
    // The example of design.md ("Scenarios"), character for character.
    private const string DesignExample = """
        name: io-bound
        description: every request waits 50 ms on simulated I/O
        targets: [sync, threads, async, eventloop]
        request: { path: "/io?ms=50" }
        load: { model: closed, levels: [1, 4, 16, 64, 256], warmup: 2s, duration: 10s }
        gates:
          - "async@256 throughput / sync@256 throughput >= 10"
          - "async@64 p99 < 80ms"
        """;

    private static readonly ScenarioLoader Loader = new(FixtureCatalog.Models());

    /// <summary>The repository's scenario files name the repository's targets.</summary>
    private static readonly ScenarioLoader RepositoryLoader = new(RepositoryFiles.Catalog());

    [Fact]
    public void The_design_example_loads_as_written_with_the_documented_defaults()
    {
        var scenario = Assert.Single(Loader.Parse(DesignExample, "io-bound.yaml"));

        Assert.Equal("io-bound", scenario.Name);
        Assert.Equal("every request waits 50 ms on simulated I/O", scenario.Description);
        Assert.Equal(["sync", "threads", "async", "eventloop"], scenario.Targets);
        Assert.Equal(new ScenarioRequest("GET", "/io?ms=50", scenario.Request.Headers, new ExpectedResponse(200, null)), scenario.Request);
        Assert.Empty(scenario.Request.Headers);
        Assert.Equal("/io", scenario.Request.Endpoint);
        var load = scenario.Load;
        Assert.Equal(LoadModel.Closed, load.Model);
        Assert.Equal([1, 4, 16, 64, 256], load.Levels);
        Assert.Equal(TimeSpan.FromSeconds(2), load.Warmup);
        Assert.Equal(TimeSpan.FromSeconds(10), load.Duration);
        Assert.Equal((1, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(1)), (load.Repeats, load.Timeout, load.Cooldown));
        Assert.True(load.Think.IsNone);
        Assert.Null(load.Iterations);
        Assert.Equal(["async@256 throughput / sync@256 throughput >= 10", "async@64 p99 < 80ms"], scenario.Gates.Select(g => g.Expression));
        Assert.Equal("io-bound.yaml:8:6", scenario.Gates[1].Location.ToString());
    }

    [Fact]
    public void The_io_bound_file_is_the_design_example()
    {
        var fromFile = Assert.Single(RepositoryLoader.LoadFile(RepositoryFiles.PathOf("scenarios", "io-bound.yaml")));
        var fromDesign = Assert.Single(Loader.Parse(DesignExample, "design.md"));

        Assert.Equal((fromDesign.Name, fromDesign.Description, fromDesign.Request), (fromFile.Name, fromFile.Description, fromFile.Request with { Headers = fromDesign.Request.Headers }));
        Assert.Equal(fromDesign.Targets, fromFile.Targets);
        Assert.Equal(fromDesign.Load.Levels, fromFile.Load.Levels);
        Assert.Equal(fromDesign.Load with { Levels = fromFile.Load.Levels }, fromFile.Load);
        Assert.Equal(fromDesign.Gates.Select(g => g.Expression), fromFile.Gates.Select(g => g.Expression));
    }

    [Fact]
    public void The_example_in_the_shared_design_document_is_the_one_tested_here()
    {
        string design = Path.Combine(RepositoryFiles.PathOf(), "..", "shared", "design.md");
        if (!File.Exists(design))
        {
            Assert.Skip($"{design} is not beside this checkout");
        }

        string text = File.ReadAllText(design);
        int section = text.IndexOf("## Scenarios", StringComparison.Ordinal);
        int start = text.IndexOf("```yaml\n", section, StringComparison.Ordinal) + "```yaml\n".Length;
        string example = text[start..text.IndexOf("```", start, StringComparison.Ordinal)];

        Assert.Equal(DesignExample.ReplaceLineEndings("\n").TrimEnd(), example.ReplaceLineEndings("\n").TrimEnd());
    }

    [Fact]
    public void The_default_sweep_is_hello_and_io_on_four_targets_within_the_time_budget()
    {
        var scenarios = RepositoryLoader.LoadFile(RepositoryFiles.PathOf("scenarios", "default.yaml"));

        Assert.Equal(["/hello", "/io?ms=20"], scenarios.Select(s => s.Request.Path));
        Assert.All(scenarios, s => Assert.Equal(["sync", "threads", "async", "eventloop"], s.Targets));
        Assert.All(scenarios, s => Assert.Equal([1, 4, 16, 64, 256], s.Load.Levels));
        // README: the whole command, build and target start-up included, in under 3 minutes.
        var sweep = TimeSpan.FromTicks(scenarios.Sum(s => s.EstimatedSweepTime.Ticks));
        Assert.True(sweep < TimeSpan.FromSeconds(100), $"the default sweep alone takes {sweep.TotalSeconds} s");
    }

    [Fact]
    public void Every_scenario_file_in_the_repository_loads()
    {
        var files = Directory.GetFiles(RepositoryFiles.PathOf("scenarios"), "*.yaml", SearchOption.AllDirectories);

        var scenarios = RepositoryLoader.LoadFiles(files);

        Assert.True(scenarios.Count >= files.Length);
    }

    [Fact]
    public void Several_documents_in_one_file_are_several_scenarios_with_their_own_locations()
    {
        var scenarios = Loader.Parse("""
            name: a
            description: first
            targets: [async]
            request: { path: /hello }
            load: { levels: [1] }
            ---
            name: b
            description: second
            targets: [sync]
            request: { path: /hello }
            load: { levels: [2] }
            """, "two.yaml");

        Assert.Equal(["a", "b"], scenarios.Select(s => s.Name));
        Assert.Equal(["two.yaml:1:1", "two.yaml:7:1"], scenarios.Select(s => s.Source.ToString()));
        Assert.Equal(LoadModel.Closed, scenarios[0].Load.Model);
    }

    [Fact]
    public void Every_load_field_is_read()
    {
        var closed = Assert.Single(Loader.Parse("""
            name: full
            description: all fields
            targets: [threads]
            request:
              method: POST
              path: /hello
              headers: { X-Trace: "1", Accept: text/plain }
              expect: { status: 405 }
            load:
              model: closed
              levels: [8]
              think: 5ms..20ms
              iterations: 100
              rampUp: 1s
              warmup: 0
              duration: 1.5s
              repeats: 3
              timeout: 250ms
              cooldown: 1m
            """, "full.yaml"));
        var open = Assert.Single(Loader.Parse("""
            name: rate
            description: open model
            targets: [async]
            request: { path: "/cpu?n=100" }
            load: { model: open, levels: [100, 1000], maxConnections: 64 }
            """, "open.yaml"));

        Assert.Equal(("POST", "1", "text/plain", 405), (closed.Request.Method, closed.Request.Headers["X-Trace"], closed.Request.Headers["Accept"], closed.Request.Expect.Status));
        var load = closed.Load;
        Assert.Equal(new Bench.Load.ThinkTime(TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(20)), load.Think);
        Assert.Equal((100, TimeSpan.FromSeconds(1), TimeSpan.Zero, TimeSpan.FromMilliseconds(1500)), (load.Iterations, load.RampUp, load.Warmup, load.Duration));
        Assert.Equal((3, TimeSpan.FromMilliseconds(250), TimeSpan.FromMinutes(1)), (load.Repeats, load.Timeout, load.Cooldown));
        Assert.Equal((LoadModel.Open, 64), (open.Load.Model, open.Load.MaxConnections));
        Assert.Equal(LoadProfile.DefaultMaxConnections, closed.Load.MaxConnections);
    }
}
