using HdrHistogram;

namespace Bench.Load;

/// <summary>One second of the measured window: responses and errors that finished in it, and their p99.</summary>
public sealed record SecondSample(int Second, long Completed, long Errors, double P99Ms)
{
    /// <summary>A second from its counts and its latency histogram (microseconds); p99 is 0 when nothing finished in it.</summary>
    public static SecondSample Of(int second, long completed, long errors, HistogramBase latency) =>
        new(second, completed, errors, latency.TotalCount == 0 ? 0 : latency.GetValueAtPercentile(99) / 1000.0);
}
