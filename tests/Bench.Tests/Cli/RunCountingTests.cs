using System.Text.Json;
using Bench.Tests.Support;

namespace Bench.Tests.Cli;

/// <summary>
/// Throughput counts successful responses only, end to end: a server that answers every request with the wrong body
/// has served nothing, whatever its speed, and a gate on its error rate sees 100 %.
/// </summary>
public sealed class RunCountingTests : IDisposable
{
    private readonly RunFolder _run = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _run.Dispose();

    [Fact]
    public async Task Given_every_body_wrong_when_gated_on_the_error_rate_then_nothing_counts_as_served_and_the_gate_fails()
    {
        string scenario = _run.Write("nope.yaml", """
            name: nope
            description: every response has the wrong body
            targets: [async]
            request: { path: /hello, expect: { status: 200, body: "nope" } }
            load: { model: closed, levels: [4], warmup: 200ms, duration: 1s, cooldown: 100ms }
            gates:
              - "async@4 errorRate < 60%"
            """);

        var outcome = await BenchExecutable.RunAsync(Ct, "run", scenario, "--out", _run.Output, "--gate");

        Assert.True(outcome.ExitCode == 1, $"exit {outcome.ExitCode}: {outcome.Stderr}{outcome.Stdout}");
        using var json = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(_run.Output, "results.json"), Ct));
        var level = json.RootElement.GetProperty("scenarios")[0].GetProperty("results")[0];
        Assert.Equal(0, level.GetProperty("requests").GetInt64());
        Assert.Equal(0, level.GetProperty("throughputRps").GetDouble());
        Assert.Equal(JsonValueKind.Null, level.GetProperty("latencyMs").ValueKind);
        Assert.Equal(JsonValueKind.Null, level.GetProperty("resources").GetProperty("cpuMsPerRequest").ValueKind);
        long errors = level.GetProperty("errorCount").GetInt64();
        Assert.True(errors > 0);
        Assert.Equal(errors, level.GetProperty("errors").GetProperty("bodyMismatch").GetInt64());
        Assert.NotEqual(JsonValueKind.Null, level.GetProperty("failureLatencyMs").ValueKind);
        Assert.Contains("100", outcome.Stdout, StringComparison.Ordinal); // the gate table shows the 100 % error rate
    }
}
