using System.Text.Json;
using System.Text.Json.Serialization;
using Bench.Load;
using Bench.Load.Measurement;

namespace Bench.Cli;

/// <summary>
/// The --json document of `bench load`: the result in milliseconds, plus the encoded histogram.
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
    long Succeeded,
    double ThroughputRps,
    long InFlight,
    LoadJson.Latency LatencyMs,
    LoadJson.Latency? LatencyMsCorrectedLikeWrk,
    long ErrorCount,
    IReadOnlyDictionary<string, long> Errors,
    IReadOnlyDictionary<string, long> StatusCodes,
    LoadJson.GeneratorPart Generator,
    OpenModelResult? Open,
    IReadOnlyList<SecondSample> Series,
    string Histogram)
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
            result.Succeeded,
            result.ThroughputRps,
            result.InFlight,
            Latency.From(result.Latency),
            corrected,
            result.ErrorCount,
            result.Errors,
            result.StatusCodes.ToDictionary(kv => kv.Key.ToString(), kv => kv.Value),
            new GeneratorPart(g.Workers, g.PinnedCpus, g.CpuSeconds, g.WorkerCpuSeconds, g.Utilisation, g.CpuMicrosPerRequest, g.WorkerAllocatedBytes, g.Saturated),
            result.Open,
            result.Series,
            result.EncodeHistogram());
    }

    public async Task WriteAsync(string path, CancellationToken cancellationToken)
    {
        await using var file = File.Create(path);
        await JsonSerializer.SerializeAsync(file, this, LoadJsonContext.Default.LoadJson, cancellationToken);
    }

    public sealed record Latency(double Mean, double Stdev, double P50, double P75, double P90, double P99, double P999, double P9999, double Max)
    {
        public static Latency From(LatencySummary l) => new(l.MeanMs, l.StdevMs, l.P50Ms, l.P75Ms, l.P90Ms, l.P99Ms, l.P999Ms, l.P9999Ms, l.MaxMs);
    }

    public sealed record GeneratorPart(int Workers, IReadOnlyList<int> PinnedCpus, double CpuSeconds, double WorkerCpuSeconds, double Utilisation, double CpuMicrosPerRequest, long WorkerAllocatedBytes, bool Saturated);
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(LoadJson))]
internal sealed partial class LoadJsonContext : JsonSerializerContext;
