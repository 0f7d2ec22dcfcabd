using HdrHistogram;

namespace Bench.Load.Measurement;

/// <summary>What finished during one second of the measured window, on one worker: successes (and their latencies) and errors.</summary>
internal sealed class SecondBucket
{
    public long Completed;
    public long Errors;

    public LongHistogram Latency { get; } = LatencyHistogram.Create(significantDigits: 2);
}
