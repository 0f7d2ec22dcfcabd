using System.Globalization;
using Bench.Samples.HttpScenario;
using Bench.Sdk;

// An HTTP scenario against one of Bench's targets (the async model, started here on a free loopback port):
// GET /hello, then GET /io?ms=10, as an open load of 200 iterations a second with HttpClient.
// `dotnet run --project samples/HttpScenario [-- --out <dir>]`; then `scripts/bench.sh report <dir>` (or gate, compare).
// With HTTP_SCENARIO_URL set (scripts/sdk-vs-load.sh), it drives that server instead: GET /hello only, closed, with
// HTTP_SCENARIO_COPIES copies (default 16) for 5 s — the same load as `bench load <url>/hello -c 16 -d 5s`.
string? given = Environment.GetEnvironmentVariable("HTTP_SCENARIO_URL");
using var target = given is null ? await LoopbackTarget.StartAsync("async", CancellationToken.None) : null;
using var http = new HttpClient { BaseAddress = given is null ? target!.Url : new Uri(given), Timeout = TimeSpan.FromSeconds(5) };

static async Task<Response<object>> GetAsync(HttpClient http, string path, CancellationToken cancellationToken)
{
    using var response = await http.GetAsync(new Uri(path, UriKind.Relative), cancellationToken);
    byte[] body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
    string status = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
    return response.IsSuccessStatusCode ? Response.Ok(statusCode: status, sizeBytes: body.Length) : Response.Fail(statusCode: status, sizeBytes: body.Length);
}

var scenario = Scenario.Create("http_hello_io", async ctx =>
    {
        await Step.Run("hello", ctx, () => GetAsync(http, "/hello", ctx.CancellationToken));
        await Step.Run("io", ctx, () => GetAsync(http, "/io?ms=10", ctx.CancellationToken));
        return Response.Ok();
    })
    .WithInit(ctx =>
    {
        ctx.Logger.Information("target listening on {Url}", http.BaseAddress);
        return Task.CompletedTask;
    })
    .WithWarmUpDuration(TimeSpan.FromSeconds(2))
    .WithLoadSimulations(Simulation.Inject(rate: 200, interval: TimeSpan.FromSeconds(1), during: TimeSpan.FromSeconds(10)))
    .WithThresholds(Threshold.Create("p99 < 200ms"), Threshold.Create("errorRate < 1%"), Threshold.Create("io@* p50 >= 10ms"));

if (given is not null)
{
    int copies = int.Parse(Environment.GetEnvironmentVariable("HTTP_SCENARIO_COPIES") ?? "16", CultureInfo.InvariantCulture);
    scenario = Scenario.Create("httpclient_hello", async ctx => await GetAsync(http, "/hello", ctx.CancellationToken))
        .WithWarmUpDuration(TimeSpan.FromSeconds(1))
        .WithLoadSimulations(Simulation.KeepConstant(copies, TimeSpan.FromSeconds(5)));
}

return await BenchRunner.RegisterScenarios(scenario).Run(args);
