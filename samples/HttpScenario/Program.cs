using System.Globalization;
using Bench.Samples.HttpScenario;
using Bench.Sdk;

// An HTTP scenario against one of Bench's targets (the async model, started here on a free loopback port):
// GET /hello, then GET /io?ms=10, as an open load of 200 iterations a second, with Bench's raw HTTP helper (Http.Send).
// `dotnet run --project samples/HttpScenario [-- --out <dir>]`; then `scripts/bench.sh report <dir>` (or gate, compare).
// With HTTP_SCENARIO_URL set (scripts/sdk-vs-load.sh), it drives that server instead: one GET per iteration, closed,
// HTTP_SCENARIO_COPIES copies (default 16) for 5 s after 1 s of warm-up — the load of `bench load <url> -c 16 -d 5s` —
// with HTTP_SCENARIO_CLIENT=raw (Http.Send, the default) or httpclient (HttpClient).
string? given = Environment.GetEnvironmentVariable("HTTP_SCENARIO_URL");
using var target = given is null ? await LoopbackTarget.StartAsync("async", CancellationToken.None) : null;
var baseAddress = given is null ? target!.Url : new Uri(given);
using var raw = new BenchHttpClient(new BenchHttpClientOptions { BaseAddress = baseAddress });
using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(5) };

// Requests are made once and reused by every call: each is encoded to its bytes once.
var hello = Http.CreateRequest("GET", "/hello");
var io = Http.CreateRequest("GET", "/io?ms=10");

var scenario = Scenario.Create("http_hello_io", async ctx =>
    {
        await Step.Run("hello", ctx, async () => await Http.Send(raw, ctx, hello));
        await Step.Run("io", ctx, async () => await Http.Send(raw, ctx, io));
        return Response.Ok();
    })
    .WithInit(ctx =>
    {
        ctx.Logger.Information("target listening on {Url}", baseAddress);
        return Task.CompletedTask;
    })
    .WithWarmUpDuration(TimeSpan.FromSeconds(2))
    .WithLoadSimulations(Simulation.Inject(rate: 200, interval: TimeSpan.FromSeconds(1), during: TimeSpan.FromSeconds(10)))
    .WithThresholds(Threshold.Create("p99 < 200ms"), Threshold.Create("errorRate < 1%"), Threshold.Create("io@* p50 >= 10ms"));

if (given is not null)
{
    int copies = int.Parse(Environment.GetEnvironmentVariable("HTTP_SCENARIO_COPIES") ?? "16", CultureInfo.InvariantCulture);
    bool useHttpClient = Environment.GetEnvironmentVariable("HTTP_SCENARIO_CLIENT") == "httpclient";
    var request = Http.CreateRequest("GET", baseAddress.PathAndQuery);
    var path = new Uri(baseAddress.PathAndQuery, UriKind.Relative);
    scenario = (useHttpClient
            ? Scenario.Create("httpclient", async ctx => await GetAsync(http, path, ctx.CancellationToken))
            : Scenario.Create("raw", async ctx => await Http.Send(raw, ctx, request)))
        .WithWarmUpDuration(TimeSpan.FromSeconds(1))
        .WithLoadSimulations(Simulation.KeepConstant(copies, TimeSpan.FromSeconds(5)));
}

return await BenchRunner.RegisterScenarios(scenario).Run(args);

static async Task<Response<object>> GetAsync(HttpClient http, Uri path, CancellationToken cancellationToken)
{
    using var response = await http.GetAsync(path, cancellationToken);
    byte[] body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
    string status = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
    return response.IsSuccessStatusCode ? Response.Ok(statusCode: status, sizeBytes: body.Length) : Response.Fail(statusCode: status, sizeBytes: body.Length);
}
