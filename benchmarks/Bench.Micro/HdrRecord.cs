using BenchmarkDotNet.Attributes;
using Bench.Load.Measurement;
using HdrHistogram;

namespace Bench.Micro;

/// <summary>
/// One latency recorded the way Bench's load engine records each response: LatencyHistogram.Record into an HDR
/// histogram of 1 µs to one hour at 3 significant digits. The values are a fixed spread of 50 µs to 50 ms so the
/// counts touched vary as in a run. One op is one value recorded.
/// </summary>
[MemoryDiagnoser]
public class HdrRecord
{
    public const int Values = 1024;

    private readonly long[] _micros = new long[Values];
    private LongHistogram _histogram = LatencyHistogram.Create();

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(16);
        for (int i = 0; i < Values; i++)
        {
            _micros[i] = (long)(50 * Math.Pow(1000, random.NextDouble())); // log-uniform, 50 µs to 50 ms
        }

        _histogram = LatencyHistogram.Create();
    }

    [Benchmark(OperationsPerInvoke = Values)]
    [OneOp("one latency recorded into Bench's HDR histogram (1 µs to 1 h, 3 significant digits)")]
    public long Record()
    {
        var histogram = _histogram;
        foreach (long micros in _micros)
        {
            LatencyHistogram.Record(histogram, micros);
        }

        return histogram.TotalCount;
    }
}
