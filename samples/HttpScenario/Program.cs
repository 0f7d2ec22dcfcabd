using System.Globalization;
using Bench.Samples.HttpScenario;
using Bench.Sdk;

// An HTTP scenario against one of Bench's targets (the async model, started here on a free loopback port):
// GET /hello, then GET /io?ms=10, as an open load of 200 iterations a second with HttpClient.
// `dotnet run --project samples/HttpScenario [-- --out <dir>]`; then `scripts/bench.sh report <dir>` (or gate, compare).
using var target = await LoopbackTarget.StartAsync("async", CancellationToken.None);
using var http = new HttpClient { BaseAddress = target.Url, Timeout = TimeSpan.FromSeconds(5) };

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
        ctx.Logger.Information("target listening on {Url}", target.Url);
        return Task.CompletedTask;
    })
    .WithWarmUpDuration(TimeSpan.FromSeconds(2))
    .WithLoadSimulations(Simulation.Inject(rate: 200, interval: TimeSpan.FromSeconds(1), during: TimeSpan.FromSeconds(10)))
    .WithThresholds(Threshold.Create("p99 < 200ms"), Threshold.Create("errorRate < 1%"), Threshold.Create("io@* p50 >= 10ms"));

return await BenchRunner.RegisterScenarios(scenario).Run(args);
