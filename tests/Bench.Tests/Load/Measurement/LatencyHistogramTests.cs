using Bench.Load.Measurement;
using Bench.Load;
using HdrHistogram;

namespace Bench.Tests.Load.Measurement;

public sealed class LatencyHistogramTests
{
    private static HdrHistogram.LongHistogram Filled(long from, long to)
    {
        var histogram = LatencyHistogram.Create();
        for (long micros = from; micros <= to; micros++)
        {
            LatencyHistogram.Record(histogram, micros);
        }

        return histogram;
    }

    [Fact]
    public void Percentiles_of_one_to_a_thousand_microseconds_are_read_in_milliseconds_to_three_digits()
    {
        var summary = LatencyHistogram.Summarize(Filled(1, 1000))!;

        Assert.Equal(1000, summary.Count);
        Assert.Equal(0.5005, summary.MeanMs, 0.001);
        Assert.Equal(0.500, summary.P50Ms, 0.001);
        Assert.Equal(0.750, summary.P75Ms, 0.001);
        Assert.Equal(0.900, summary.P90Ms, 0.001);
        Assert.Equal(0.990, summary.P99Ms, 0.001);
        Assert.Equal(0.999, summary.P999Ms, 0.001);
        Assert.Equal(1.000, summary.MaxMs, 0.001);
        Assert.Equal(0.2887, summary.StdevMs, 0.001);
    }

    [Fact]
    public void Merging_worker_histograms_gives_the_percentiles_of_all_their_values_together()
    {
        var whole = LatencyHistogram.Summarize(Filled(1, 1000));

        var merged = LatencyHistogram.Summarize(LatencyHistogram.Merge([Filled(1, 200), Filled(201, 900), Filled(901, 1000)]));

        Assert.Equal(whole, merged);
    }

    [Fact]
    public void Per_second_histograms_merge_second_by_second_and_a_shorter_part_adds_nothing_to_later_seconds()
    {
        HistogramBase[] first = [Filled(1, 100), Filled(101, 200), Filled(201, 300)];
        HistogramBase[] second = [Filled(1, 50)];

        var merged = LatencyHistogram.MergeSeconds([first, second]);

        Assert.Equal([150L, 100L, 100L], merged.Select(h => h.TotalCount));
        Assert.Equal(0.3, LatencyHistogram.Summarize(merged[2])!.MaxMs, 0.005);
        Assert.Empty(LatencyHistogram.MergeSeconds([]));
    }

    [Fact]
    public void A_merge_of_a_slow_minority_moves_the_tail_not_the_median()
    {
        var fast = Filled(100, 199);             // 100 values around 0.15 ms
        var slow = LatencyHistogram.Create();
        LatencyHistogram.Record(slow, 500_000);  // one 500 ms stall
        LatencyHistogram.Record(slow, 500_000);

        var summary = LatencyHistogram.Summarize(LatencyHistogram.Merge([fast, slow]))!;

        Assert.InRange(summary.P50Ms, 0.14, 0.16);
        Assert.InRange(summary.P99Ms, 499, 501);
        Assert.InRange(summary.MaxMs, 499, 501);
    }

    [Fact]
    public void The_wrk_style_correction_fills_in_the_requests_a_stall_held_back()
    {
        var raw = Filled(100, 100);           // one fast request …
        LatencyHistogram.Record(raw, 1000);   // … and one that stalled for ten intervals of 100 µs

        var corrected = LatencyHistogram.CorrectedForOmission(raw, expectedIntervalMicros: 100);

        // 1000 brings 900, 800, … 100: the nine requests that would have been due while it waited.
        Assert.Equal(2 + 9, corrected.TotalCount);
        Assert.Equal(2, corrected.GetCountAtValue(100));
        Assert.Equal(1, corrected.GetCountAtValue(500));
        Assert.Equal(raw.GetMaxValue(), corrected.GetMaxValue());
        Assert.Equal(2, LatencyHistogram.CorrectedForOmission(raw, expectedIntervalMicros: 0).TotalCount);
    }

    [Fact]
    public void The_base64_encoding_round_trips_every_count()
    {
        var original = LatencyHistogram.Merge([Filled(1, 5000), Filled(40_000, 40_010)]);

        var decoded = LatencyHistogram.FromBase64(LatencyHistogram.ToBase64(original));

        Assert.Equal(original.TotalCount, decoded.TotalCount);
        Assert.Equal(LatencyHistogram.Summarize(original), LatencyHistogram.Summarize(decoded));
    }

    [Fact]
    public void Values_outside_one_microsecond_to_an_hour_are_clamped_not_lost()
    {
        var histogram = LatencyHistogram.Create();

        LatencyHistogram.Record(histogram, 0);
        LatencyHistogram.Record(histogram, 2 * 3_600_000_000L);

        Assert.Equal(2, histogram.TotalCount);
        Assert.InRange(LatencyHistogram.Summarize(histogram)!.MaxMs, 3_596_000_000 / 1000.0, 3_604_000_000 / 1000.0);
    }

    [Fact]
    public void Given_the_longest_timeout_a_run_may_set_when_it_is_recorded_then_it_is_read_back_unclamped()
    {
        // Before, the ceiling was 60 s while timeouts were unbounded: a 2-minute timeout read as 60 s.
        var histogram = LatencyHistogram.Create();
        long longest = (long)LoadOptions.MaxTimeout.TotalMicroseconds;

        LatencyHistogram.Record(histogram, 120_000_000);
        LatencyHistogram.Record(histogram, longest);

        Assert.InRange(histogram.GetValueAtPercentile(50), 119_900_000, 120_100_000);
        Assert.InRange(histogram.GetMaxValue(), longest * 0.999, longest * 1.001);
    }

    [Fact]
    public void An_empty_histogram_has_no_summary_rather_than_zeros_that_would_read_as_fast()
    {
        Assert.Null(LatencyHistogram.Summarize(LatencyHistogram.Create()));
    }
}
