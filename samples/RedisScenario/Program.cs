using System.Globalization;
using Bench.Sdk;
using StackExchange.Redis;

// A Redis GET/SET scenario with StackExchange.Redis against a redis-server Bench starts (the catalogue's `redis`
// dependency: 127.0.0.1 on a free port, no persistence; stopped at the end, after Ctrl-C too): each iteration SETs the
// copy's own key, then GETs it back and checks the value. 16 copies, closed, for 10 s after 2 s of warm-up.
// `dotnet run --project samples/RedisScenario [-- --out <dir>]`; then `scripts/bench.sh report <dir>`.
// REDIS_SCENARIO_SECONDS shortens the run (the test runs it for 1 s).
double seconds = double.Parse(Environment.GetEnvironmentVariable("REDIS_SCENARIO_SECONDS") ?? "10", CultureInfo.InvariantCulture);
await using var redis = await CatalogDependency.StartAsync("redis");
Console.WriteLine($"redis-server on 127.0.0.1:{redis.Port} (pid {redis.Pid})");
await using var connection = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{redis.Port.ToString(CultureInfo.InvariantCulture)},abortConnect=false");
var db = connection.GetDatabase();

var scenario = Scenario.Create("redis_get_set", async ctx =>
    {
        string key = $"user:{ctx.ScenarioInfo.InstanceNumber}";
        string value = $"session {ctx.InvocationNumber}";
        await Step.Run("set", ctx, async () =>
        {
            bool stored = await db.StringSetAsync(key, value).WaitAsync(ctx.CancellationToken);
            return stored ? Response.Ok(sizeBytes: value.Length) : Response.Fail(statusCode: "NOT_STORED");
        });
        await Step.Run("get", ctx, async () =>
        {
            var read = await db.StringGetAsync(key).WaitAsync(ctx.CancellationToken);
            return read == value ? Response.Ok(sizeBytes: value.Length) : Response.Fail(statusCode: read.HasValue ? "WRONG_VALUE" : "MISS");
        });
        return Response.Ok();
    })
    .WithWarmUpDuration(TimeSpan.FromSeconds(Math.Min(2, seconds)))
    .WithLoadSimulations(Simulation.KeepConstant(copies: 16, during: TimeSpan.FromSeconds(seconds)))
    .WithThresholds(Threshold.Create("*@* errorRate < 1%"), Threshold.Create("get@* p99 < 100ms"));

return await BenchRunner.RegisterScenarios(scenario).Run(args);
