using System.CommandLine;
using Bench.Configuration;
using System.CommandLine.Parsing;
using Bench.Load;

namespace Bench.Cli;

/// <summary>The options of `bench load` and their parsers: durations, think time ranges, rate stages, headers.</summary>
public sealed class LoadArguments
{
    public Argument<string> Url { get; } = new("url") { Description = "http://127.0.0.1:<port>/path — loopback only (127.0.0.0/8, ::1, localhost)." };

    public Option<int> Connections { get; } = new("--connections", "-c") { Description = "Connections: closed-model virtual users, or connections opened up front (open model).", DefaultValueFactory = _ => 10 };

    public Option<TimeSpan?> Duration { get; } = DurationOption("--duration", "Measured duration (with --iterations: the most it may take); default 10s.", "-d");

    public Option<TimeSpan?> Warmup { get; } = DurationOption("--warmup", "Load sent before the measurement, not recorded; default none.");

    public Option<TimeSpan?> Timeout { get; } = DurationOption("--timeout", "A request with no complete response after this is a timeout; default 5s.");

    public Option<double?> Rate { get; } = new("--rate") { Description = "Open model: arrivals per second (latency counts from each request's intended send time)." };

    public Option<RateStage[]> Stages { get; } = new("--stages")
    {
        Description = "Open model: rate ramps over the measured window, e.g. 10s:1000,20s:5000 (duration:target rate).",
        CustomParser = ParseStages,
    };

    public Option<int?> MaxConnections { get; } = new("--max-connections") { Description = $"Open model: the most connections open at once (default: {LoadEngine.DefaultMaxConnections})." };

    public Option<ThinkTime> Think { get; } = new("--think")
    {
        Description = "Closed model: pause after each response, fixed (5ms) or uniform in a range (1ms..10ms, as in scenario files).",
        CustomParser = ParseThink,
    };

    public Option<TimeSpan?> RampUp { get; } = DurationOption("--ramp-up", "Closed model: start the connections evenly over this time.");

    public Option<int?> Iterations { get; } = new("--iterations") { Description = "Closed model: each connection sends exactly K measured requests, then stops." };

    public Option<bool> Close { get; } = new("--close") { Description = "Send 'Connection: close' and open a new connection for every request." };

    public Option<int?> Cpus { get; } = new("--cpus") { Description = "Pin the generator to the highest-numbered N cores, one event loop per core." };

    public Option<string?> Json { get; } = new("--json") { Description = "Also write the result as JSON to this file." };

    public Option<string> Method { get; } = new("--method", "-m") { Description = "Request method.", DefaultValueFactory = _ => "GET" };

    public Option<string[]> Headers { get; } = new("--header", "-H") { Description = "Request header 'Name: value' (repeatable).", Arity = ArgumentArity.ZeroOrMore };

    public Option<string?> Body { get; } = new("--body") { Description = "Request body (sent with a Content-Length)." };

    public Option<int?> ExpectStatus { get; } = new("--expect-status") { Description = "The status that counts as success (default: any 2xx)." };

    public Option<string?> ExpectBody { get; } = new("--expect-body") { Description = "Count responses with another body as bodyMismatch errors." };

    public void AddTo(Command command)
    {
        command.Arguments.Add(Url);
        foreach (var option in new Option[] { Connections, Duration, Warmup, Timeout, Rate, Stages, MaxConnections, Think, RampUp, Iterations, Close, Cpus, Json, Method, Headers, Body, ExpectStatus, ExpectBody })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>Builds the engine's options; false with a one-line reason when the combination is not valid.</summary>
    public bool TryBuild(ParseResult parsed, out LoadOptions options, out string error)
    {
        options = null!;
        string url = parsed.GetValue(Url) ?? "";
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            error = $"'{url}' is not an absolute URL (like http://127.0.0.1:8080/hello)";
            return false;
        }

        var headers = new List<KeyValuePair<string, string>>();
        foreach (string header in parsed.GetValue(Headers) ?? [])
        {
            int colon = header.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                error = $"--header '{header}' is not 'Name: value'";
                return false;
            }

            headers.Add(new(header[..colon].Trim(), header[(colon + 1)..].Trim()));
        }

        var rate = parsed.GetValue(Rate);
        var stages = parsed.GetValue(Stages) ?? [];
        bool open = rate is not null || stages.Length > 0;
        options = new LoadOptions
        {
            Url = uri,
            Method = parsed.GetValue(Method) ?? "GET",
            Headers = headers,
            Body = parsed.GetValue(Body) ?? "",
            ExpectedStatus = parsed.GetValue(ExpectStatus),
            ExpectedBody = parsed.GetValue(ExpectBody),
            Model = open ? LoadModel.Open : LoadModel.Closed,
            Connections = parsed.GetValue(Connections),
            MaxConnections = parsed.GetValue(MaxConnections),
            Rate = rate ?? 0,
            Stages = stages,
            Think = parsed.GetValue(Think),
            RampUp = parsed.GetValue(RampUp) ?? TimeSpan.Zero,
            Iterations = parsed.GetValue(Iterations),
            Warmup = parsed.GetValue(Warmup) ?? TimeSpan.Zero,
            Duration = parsed.GetValue(Duration) ?? TimeSpan.FromSeconds(10),
            Timeout = parsed.GetValue(Timeout) ?? TimeSpan.FromSeconds(5),
            ClosePerRequest = parsed.GetValue(Close),
            Cpus = parsed.GetValue(Cpus),
        };
        var problems = options.Validate().ToList();
        if (parsed.GetValue(Json) is { } json && !Directory.Exists(Path.GetDirectoryName(Path.GetFullPath(json))))
        {
            problems.Add($"--json: the folder of '{json}' does not exist"); // found before the run, not after it
        }

        error = string.Join("; ", problems);
        return error.Length == 0;
    }

    private static Option<TimeSpan?> DurationOption(string name, string description, params string[] aliases) => new(name, aliases)
    {
        Description = $"{description} Like 500ms, 10s, 2m.",
        CustomParser = result =>
        {
            string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
            if (DurationText.TryParse(text, out var duration))
            {
                return duration;
            }

            result.AddError(DurationText.Describe(name, text));
            return null;
        },
    };

    private static ThinkTime ParseThink(ArgumentResult result)
    {
        string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (ThinkTime.TryParse(text, out var think))
        {
            return think;
        }

        result.AddError($"--think: '{text}' is not {ThinkTime.Example} (low ≤ high)");
        return ThinkTime.None;
    }

    private static RateStage[] ParseStages(ArgumentResult result)
    {
        string text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        var stages = new List<RateStage>();
        foreach (string part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            var pair = part.Split(':', 2);
            if (pair.Length != 2 || !DurationText.TryParse(pair[0], out var duration) || !double.TryParse(pair[1], System.Globalization.CultureInfo.InvariantCulture, out double target))
            {
                result.AddError($"--stages: '{part}' is not duration:rate (like 10s:1000)");
                return [];
            }

            stages.Add(new RateStage(duration, target));
        }

        return [.. stages];
    }
}
