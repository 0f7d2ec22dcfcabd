using Bench.Load.Measurement;
using Bench.Reports;
using Bench.Tests.Support;

namespace Bench.Tests.Reports;

/// <summary>Percentile distributions recomputed from the histograms stored in results.json.</summary>
public sealed class PercentileCurveTests
{
    private static string Uniform(long from, long to)
    {
        var histogram = LatencyHistogram.Create();
        for (long micros = from; micros <= to; micros++)
        {
            LatencyHistogram.Record(histogram, micros);
        }

        return LatencyHistogram.ToBase64(histogram);
    }

    private static TargetLevel Cell(params (string? Histogram, bool Valid)[] repeats) =>
        new("async", 4, repeats.Select((r, i) => SampleResults.Level("async", 4, i + 1, 100, r.Valid) with { Histogram = r.Histogram }).ToArray());

    [Fact]
    public void One_to_a_thousand_microseconds_read_back_at_the_usual_percentiles()
    {
        var curve = PercentileCurve.Of(PercentileCurve.Merged(Cell((Uniform(1, 1000), true)))!);

        double At(double percentile) => curve.First(p => p.Percentile >= percentile).LatencyMs;
        Assert.Equal(0.5, At(50), 0.002);
        Assert.Equal(0.9, At(90), 0.002);
        Assert.Equal(0.99, At(99), 0.002);
        Assert.Equal(new PercentilePoint(99.9, 1.0), curve[^1]);  // the maximum, at 1 − 1/1000
        Assert.Equal(3, curve[^1].X, 9);                          // 99.9 % sits at 10^3 on the 1/(1−p) scale
    }

    [Fact]
    public void Repeats_are_merged_but_only_the_trusted_ones_and_bad_text_is_skipped()
    {
        var merged = PercentileCurve.Merged(Cell((Uniform(1, 500), true), (Uniform(501, 1000), true), (Uniform(5000, 6000), false), ("SElTVFMAAAA=", true)));

        Assert.Equal(1000, merged!.TotalCount);
        Assert.Null(PercentileCurve.Merged(Cell(("not base64!", true), (null, true))));
        Assert.Null(PercentileCurve.TryDecode("SElTVFMAAAA="));
    }
}
