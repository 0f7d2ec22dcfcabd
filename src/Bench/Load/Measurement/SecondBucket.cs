using HdrHistogram;

namespace Bench.Load.Measurement;

/// <summary>What finished during one second of the measured window, on one worker.</summary>
internal sealed class SecondBucket
{
    public long Completed;
    public long Errors;

    public LongHistogram Latency { get; } = LatencyHistogram.Create(significantDigits: 2);
}
