using Bench.Cluster;
using Bench.Load;
using Bench.Load.Measurement;
using HdrHistogram;

namespace Bench.Tests.Cluster;

public sealed class LoadMergeTests
{
    private static readonly LoadOptions Whole = new() { Url = new Uri("http://127.0.0.1:8080/hello"), Connections = 4, Duration = TimeSpan.FromSeconds(2) };

    private static LongHistogram Of(params (long Micros, long Count)[] values)
    {
        var histogram = LatencyHistogram.Create();
        foreach (var (micros, count) in values)
        {
            histogram.RecordValueWithCount(micros, count);
        }

        return histogram;
    }

    private static LoadResult Part(LongHistogram latencies, long[] perConnection, bool saturated = false, double cpu = 0.5)
    {
        var seconds = new[] { Of((1000, latencies.TotalCount / 2)), latencies };
        long requests = latencies.TotalCount;
        return new LoadResult(
            Whole with { Connections = perConnection.Length },
            new DateTimeOffset(2026, 12, 2, 12, 0, 0, TimeSpan.Zero),
            TimeSpan.FromSeconds(2),
            StopReason.DurationElapsed,
            requests,
            requests + 1,
            requests / 2.0,
            LatencyHistogram.Summarize(latencies),
            latencies,
            null,
            LatencyHistogram.Create(),
            1,
            new Dictionary<string, long> { ["status 503"] = 1 },
            new Dictionary<int, long> { [200] = requests, [503] = 1 },
            2,
            seconds.Select((h, i) => SecondSample.Of(i, h.TotalCount, i, h)).ToArray(),
            new GeneratorUsage(2, [], cpu, cpu * 0.9, saturated ? 0.95 : 0.3, cpu * 1e6 / (requests + 1), 1000, saturated),
            null,
            ConnectionFairness.Of(perConnection),
            new CacheCounts(3, 1, 0))
        {
            SecondLatencies = seconds,
            ConnectionResponses = perConnection,
        };
    }

    [Fact]
    public void Percentiles_come_from_the_merged_histogram_never_from_averaging_the_parts()
    {
        var fast = Of((1_000, 99), (50_000, 1));
        var slow = Of((10_000, 100));

        var merged = LoadMerge.Merge(Whole, [Part(fast, [50, 50]), Part(slow, [60, 40])]);

        var all = Of((1_000, 99), (50_000, 1), (10_000, 100));
        Assert.Equal(200, merged.Histogram.TotalCount);
        Assert.Equal(all.GetValueAtPercentile(99) / 1000.0, merged.Latency!.P99Ms);
        Assert.Equal(all.GetValueAtPercentile(50) / 1000.0, merged.Latency.P50Ms);
        Assert.NotEqual((LatencyHistogram.Summarize(fast)!.P99Ms + LatencyHistogram.Summarize(slow)!.P99Ms) / 2, merged.Latency.P99Ms);
        Assert.Equal(all.GetValueAtPercentile(99) / 1000.0, merged.Series[1].P99Ms, 1); // each second too, at 2 digits
    }

    [Fact]
    public void Counters_errors_statuses_and_cache_counts_add_up()
    {
        var merged = LoadMerge.Merge(Whole, [Part(Of((1_000, 10)), [5, 5]), Part(Of((2_000, 30)), [10, 20])]);

        Assert.Equal(40, merged.Requests);
        Assert.Equal(42, merged.Responses);
        Assert.Equal(20, merged.ThroughputRps);
        Assert.Equal(2, merged.ErrorCount);
        Assert.Equal(2, merged.Errors["status 503"]);
        Assert.Equal(40, merged.StatusCodes[200]);
        Assert.Equal(4, merged.InFlight);
        Assert.Equal(new CacheCounts(6, 2, 0), merged.Cache);
        Assert.Equal([20, 40], merged.Series.Select(s => s.Completed));
        Assert.Same(Whole, merged.Options);
    }

    [Fact]
    public void Fairness_is_recomputed_over_every_connection_of_every_agent()
    {
        var merged = LoadMerge.Merge(Whole, [Part(Of((1_000, 10)), [10, 0]), Part(Of((1_000, 20)), [10, 10])]);

        Assert.Equal(ConnectionFairness.Of([10, 0, 10, 10]), merged.Fairness);
        Assert.Equal(1, merged.Fairness!.Starved);
    }

    [Fact]
    public void One_saturated_agent_makes_the_whole_generator_saturated_and_cpu_adds_up()
    {
        var merged = LoadMerge.Merge(Whole, [Part(Of((1_000, 10)), [5, 5], saturated: true, cpu: 1), Part(Of((1_000, 30)), [15, 15], cpu: 0.5)]);

        Assert.True(merged.Generator.Saturated);
        Assert.Equal(1.5, merged.Generator.CpuSeconds, 6);
        Assert.Equal(4, merged.Generator.Workers);
        Assert.Equal(0.95, merged.Generator.Utilisation);
        Assert.Equal(1.5e6 / 42, merged.Generator.CpuMicrosPerAttempt, 3);
    }

    [Fact]
    public void Open_model_counts_add_up_and_one_missed_rate_misses_the_whole()
    {
        var a = Part(Of((1_000, 10)), []) with { Open = new OpenModelResult(100, 200, 200, 0, 0, true, 3) };
        var b = Part(Of((1_000, 10)), []) with { Open = new OpenModelResult(100, 200, 150, 10, 50, false, 5) };

        var open = LoadMerge.Merge(Whole with { Model = LoadModel.Open, Rate = 200 }, [a, b]).Open!;

        Assert.Equal(new OpenModelResult(200, 400, 350, 10, 50, false, 8), open);
    }
}
