using Bench.Configuration;
using Bench.Scenarios;
using Bench.Launch;
using Bench.Tests.Support;

namespace Bench.Tests.Scenarios;

/// <summary>Bad scenario files: every problem reported at once, each as file:line:column with what was found and what is allowed.</summary>
public sealed class ScenarioValidationTests
{
    private const string Valid = """
        name: ok
        description: valid
        targets: [async]
        request: { path: /hello }
        load: { levels: [1, 2] }
        """;

    private static readonly ScenarioLoader Loader = new(FixtureCatalog.Models());

    /// <summary>Every name of the fixture catalogue, in its order, as an unknown-target error lists them.</summary>
    private static string Known => string.Join(", ", FixtureCatalog.Models().Targets.Select(t => t.Name));

    private static string[] ErrorsOf(string yaml, ScenarioLoader? loader = null)
    {
        var error = Assert.Throws<ScenarioException>(() => (loader ?? Loader).Parse(yaml, "s.yaml"));
        Assert.NotEmpty(error.Errors);
        return error.Errors.Select(e => e.ToString()).ToArray();
    }

    private static string Replace(string from, string to) => Valid.Replace(from, to, StringComparison.Ordinal);

    [Fact]
    public void An_unknown_field_names_the_allowed_ones_and_a_close_match()
    {
        var errors = ErrorsOf(Replace("load: { levels: [1, 2] }", "load: { levels: [1, 2], duraton: 2s }"));

        Assert.Equal("s.yaml:5:25: load: unknown field 'duraton'; did you mean 'duration'? allowed: model, levels, think, iterations, rampUp, maxConnections, warmup, duration, repeats, timeout, cooldown", Assert.Single(errors));
    }

    [Fact]
    public void A_load_field_at_the_top_level_is_pointed_inside_load()
    {
        var errors = ErrorsOf(Valid + "\nwarmup: 2s\n");

        Assert.StartsWith("s.yaml:6:1: unknown field 'warmup'; it belongs inside load:", Assert.Single(errors), StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_target_lists_the_catalogue()
    {
        var errors = ErrorsOf(Replace("targets: [async]", "targets: [async, nodejs]"));

        Assert.Equal($"s.yaml:3:18: targets[1]: unknown target 'nodejs'; known: {Known}", Assert.Single(errors));
    }

    [Theory]
    [InlineData("load: { levels: 5 }", "s.yaml:5:17: load.levels: found '5'; expected a non-empty list of connections, like [1, 4, 16, 64]")]
    [InlineData("load: { levels: [] }", "s.yaml:5:17: load.levels: found an empty list; expected a non-empty list of connections, like [1, 4, 16, 64]")]
    [InlineData("load: { levels: [1, -4] }", "s.yaml:5:21: load.levels[1]: found '-4'; expected a whole number from 1 to 28000")]
    [InlineData("load: { levels: [1, \"4\"] }", "s.yaml:5:21: load.levels[1]: found the string \"4\"; expected a whole number from 1 to 28000")]
    [InlineData("load: { levels: [1, 1] }", "s.yaml:5:21: load.levels[1]: 1 is listed twice; each level runs once per repeat")]
    [InlineData("load: { levels: [1], duration: 10 }", "s.yaml:5:32: load.duration: found '10'; expected a duration like 500ms, 2s or 1m, more than 0")]
    [InlineData("load: { levels: [1], warmup: -2s }", "s.yaml:5:30: load.warmup: found '-2s'; expected a duration like 500ms, 2s or 1m (or 0)")]
    [InlineData("load: { levels: [1], repeats: 0 }", "s.yaml:5:31: load.repeats: found '0'; expected a whole number from 1 to 1000, auto, or a mapping like { auto: true, max: 8, ci: 5% }")]
    [InlineData("load: { levels: [1], model: closd }", "s.yaml:5:29: load.model: found 'closd'; expected one of closed, open")]
    [InlineData("load: { levels: [1], think: 20ms..5ms }", "s.yaml:5:29: load.think: found '20ms..5ms'; expected a duration like 10ms, or a range like 5ms..20ms (low ≤ high)")]
    [InlineData("load: { levels: [1], maxConnections: 10 }", "s.yaml:5:38: load.maxConnections: applies to the open model only; this load is closed")]
    [InlineData("load: { model: open, levels: [100], iterations: 10 }", "s.yaml:5:49: load.iterations: applies to the closed model only; this load is open")]
    [InlineData("load: { levels: [1], timeout: 2h }", "s.yaml:5:31: load.timeout: at most 1h (the latency histograms' range)")]
    [InlineData("load: [1, 2]", "s.yaml:5:7: load: found a list; expected a mapping like { model: closed, levels: [1, 4, 16] }")]
    public void A_bad_load_value_says_where_what_was_found_and_what_is_allowed(string load, string expected)
    {
        var errors = ErrorsOf(Replace("load: { levels: [1, 2] }", load));

        Assert.Equal(expected, Assert.Single(errors));
    }

    [Theory]
    [InlineData("request: { path: hello }", "s.yaml:4:18: request.path: found 'hello'; expected a path starting with / and without spaces, like \"/io?ms=50\"")]
    [InlineData("request: { path: /hello, method: get }", "s.yaml:4:34: request.method: found 'get'; expected an HTTP method in capitals, like GET or POST")]
    [InlineData("request: { path: /hello, expect: { status: 999 } }", "s.yaml:4:44: request.expect.status: found '999'; expected a whole number from 100 to 599")]
    [InlineData("request: /hello", "s.yaml:4:10: request: found '/hello'; expected a mapping like { path: /hello }")]
    [InlineData("request: { method: GET }", "s.yaml:4:10: request: 'path' is missing; expected a path like /hello or \"/io?ms=50\"")]
    [InlineData("request: { path: \"/hello?k={conection}\" }", "s.yaml:4:18: request.path: unknown placeholder '{conection}' in the path: only {connection} (the connection's number) and {request} (a counter per connection)")]
    public void A_bad_request_says_where_what_was_found_and_what_is_allowed(string request, string expected)
    {
        var errors = ErrorsOf(Replace("request: { path: /hello }", request));

        Assert.Equal(expected, Assert.Single(errors));
    }

    [Fact]
    public void Every_problem_of_a_file_is_reported_at_once_and_nothing_else()
    {
        var errors = ErrorsOf("""
            name: bad name
            targets: []
            request: { path: /hello }
            load: { levels: [0], timeout: 0 }
            gates: [[nested]]
            """);

        Assert.Equal(
        [
            "s.yaml:1:7: name: found 'bad name'; expected a name like io-bound: letters, digits, '.', '-' or '_' (at most 64, starting with a letter or digit)",
            "s.yaml:1:1: 'description' is missing; expected one sentence: the lesson the scenario shows",
            $"s.yaml:2:10: targets: found an empty list; expected a list of target names from targets/targets.yaml ({Known})",
            "s.yaml:4:18: load.levels[0]: found '0'; expected a whole number from 1 to 28000",
            "s.yaml:4:31: load.timeout: found '0'; expected a duration like 500ms, 2s or 1m, more than 0",
            "s.yaml:5:9: gates[0]: found a list; expected a gate, a quoted line like \"async@64 p99 < 80ms\"",
        ], errors);
    }

    [Fact]
    public void A_target_that_does_not_serve_the_endpoint_is_rejected()
    {
        var errors = ErrorsOf(Replace("targets: [async]", $"targets: [{FixtureCatalog.HelloOnly}]").Replace("/hello", "/io?ms=5", StringComparison.Ordinal), Loader);

        Assert.Equal($"s.yaml:3:11: target '{FixtureCatalog.HelloOnly}' does not serve /io (it supports /hello)", Assert.Single(errors));
    }

    [Theory]
    [InlineData("name: [unclosed\n", "s.yaml:2:1: not valid YAML")]
    [InlineData("name: a\nname: b\n", "s.yaml:2:1: not valid YAML: Duplicate key")]
    [InlineData("load: { levels: [1, 2\nname: b\n", "s.yaml:1:19: not valid YAML after this point")]
    [InlineData("", "s.yaml: no scenario in the file")]
    [InlineData("- a\n- b\n", "s.yaml:1:1: the document: found a list; expected a mapping with name")]
    public void Malformed_yaml_is_an_error_with_a_position_never_a_crash(string yaml, string expectedStart)
    {
        var errors = ErrorsOf(yaml);

        Assert.StartsWith(expectedStart, errors[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Two_scenarios_with_one_name_are_rejected_across_files()
    {
        string dir = Directory.CreateTempSubdirectory("bench-scenarios-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "a.yaml"), Valid);
            File.WriteAllText(Path.Combine(dir, "b.yaml"), Valid);

            var error = Assert.Throws<ScenarioException>(() => Loader.LoadFiles([Path.Combine(dir, "a.yaml"), Path.Combine(dir, "b.yaml")]));

            Assert.Equal($"{dir}/b.yaml:1:1: name: 'ok' is already the name of the scenario at {dir}/a.yaml:1:1; names must be unique", Assert.Single(error.Errors).ToString());
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void A_missing_file_is_an_error_naming_it()
    {
        var error = Assert.Throws<ScenarioException>(() => Loader.LoadFile("/nonexistent/x.yaml"));

        var only = Assert.Single(error.Errors);
        Assert.Equal(SourceLocation.WholeFile("/nonexistent/x.yaml"), only.Location);
        Assert.StartsWith("/nonexistent/x.yaml: cannot read the file:", only.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_exception_message_is_the_error_lines_only()
    {
        var error = Assert.Throws<ScenarioException>(() => Loader.Parse(Replace("[async]", "[nope]").Replace("[1, 2]", "[]", StringComparison.Ordinal), "s.yaml"));

        Assert.Equal(2, error.Errors.Count);
        Assert.All(error.Message.Split(Environment.NewLine), line => Assert.Matches(@"^s\.yaml:\d+:\d+: \S", line));
    }
}
