using System.Text.Json;
using System.Text.Json.Serialization;
using Bench.Load;
using Bench.Load.Measurement;

namespace Bench.Cli;

/// <summary>
/// The --json document of `bench load`: the result in milliseconds, plus the encoded histograms. Requests, throughput
/// and LatencyMs are the successful responses'; Responses counts every complete response; failures' times are in
/// FailureLatencyMs and FailureHistogram; a latency of nothing is null.
/// LatencyMsCorrectedLikeWrk (closed model) is the same histogram corrected after the fact the way wrk corrects
/// what it prints, with wrk's interval (run time / (requests / connections)): compare it, not LatencyMs, with wrk.
/// </summary>
public sealed record LoadJson(
    string Url,
    string Model,
    int Connections,
    double DurationSeconds,
    string StopReason,
    long Requests,
    long Responses,
    double ThroughputRps,
    long InFlight,
    LoadJson.Latency? LatencyMs,
    LoadJson.Latency? LatencyMsCorrectedLikeWrk,
    LoadJson.Latency? FailureLatencyMs,
    long ErrorCount,
    double ErrorRate,
    ConnectionFairness? Fairness,
    CacheCounts? Cache,
    IReadOnlyDictionary<string, long> Errors,
    IReadOnlyDictionary<string, long> StatusCodes,
    LoadJson.GeneratorPart Generator,
    OpenModelResult? Open,
    IReadOnlyList<SecondSample> Series,
    string? Histogram,
    string? FailureHistogram)
{
    public static LoadJson From(LoadResult result)
    {
        var g = result.Generator;
        Latency? corrected = null;
        if (result.Options.Model == LoadModel.Closed && result.Requests > 0)
        {
            long intervalMicros = (long)(result.Options.Connections * 1e6 / result.ThroughputRps);
            corrected = Latency.From(LatencyHistogram.Summarize(LatencyHistogram.CorrectedForOmission(result.Histogram, intervalMicros)));
        }

        return new LoadJson(
            result.Options.Url.ToString(),
            result.Options.Model == LoadModel.Open ? "open" : "closed",
            result.Options.Connections,
            result.Duration.TotalSeconds,
            JsonNamingPolicy.CamelCase.ConvertName(result.StopReason.ToString()),
            result.Requests,
            result.Responses,
            result.ThroughputRps,
            result.InFlight,
            Latency.From(result.Latency),
            corrected,
            Latency.From(result.FailureLatency),
            result.ErrorCount,
            result.ErrorRate,
            result.Fairness,
            result.Cache,
            result.Errors,
            result.StatusCodes.ToDictionary(kv => kv.Key.ToString(), kv => kv.Value),
            new GeneratorPart(g.Workers, g.PinnedCpus, g.CpuSeconds, g.WorkerCpuSeconds, g.Utilisation, g.CpuMicrosPerAttempt, g.WorkerAllocatedBytes, g.Saturated),
            result.Open,
            result.Series,
            result.Requests > 0 ? result.EncodeHistogram() : null,
            result.FailureHistogram.TotalCount > 0 ? LoadResult.EncodeHistogram(result.FailureHistogram) : null);
    }

    public async Task WriteAsync(string path, CancellationToken cancellationToken)
    {
        await using var file = File.Create(path);
        await JsonSerializer.SerializeAsync(file, this, LoadJsonContext.Default.LoadJson, cancellationToken);
    }

    public sealed record Latency(double Mean, double Stdev, double P50, double P75, double P90, double P99, double P999, double P9999, double Max)
    {
        public static Latency? From(LatencySummary? l) => l is null ? null : new(l.MeanMs, l.StdevMs, l.P50Ms, l.P75Ms, l.P90Ms, l.P99Ms, l.P999Ms, l.P9999Ms, l.MaxMs);
    }

    public sealed record GeneratorPart(int Workers, IReadOnlyList<int> PinnedCpus, double CpuSeconds, double WorkerCpuSeconds, double Utilisation, double CpuMicrosPerAttempt, long WorkerAllocatedBytes, bool Saturated);
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(LoadJson))]
internal sealed partial class LoadJsonContext : JsonSerializerContext;
