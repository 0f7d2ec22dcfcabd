using Bench.Load.Measurement;
using HdrHistogram;

namespace Bench.Sdk.Measurement;

/// <summary>
/// What one target (the scenario as a whole, or one step) did in one level's measured window: successes' and failures'
/// latencies in HDR histograms (µs, the engine's), errors by key, bytes, and the per-second series. Iterations end on
/// any thread, so every record takes a lock (uncontended at these rates; a record costs well under a microsecond).
/// After <see cref="Seal"/> nothing more is recorded: a late call from an iteration cut at the end is dropped.
/// </summary>
internal sealed class StatsRecorder(long windowStart, long ticksPerSecond)
{
    private long _windowStart = windowStart;
    private readonly Lock _lock = new();
    private readonly SortedDictionary<string, long> _errors = new(StringComparer.Ordinal);
    private readonly List<SecondBucket> _seconds = [];
    private long _windowEnd = long.MaxValue;
    private bool _sealed;

    public LongHistogram Latency { get; } = LatencyHistogram.Create();

    public LongHistogram Failures { get; } = LatencyHistogram.Create();

    public long Requests { get; private set; }

    public long ErrorCount { get; private set; }

    public long Bytes { get; private set; }

    public long InFlight { get; private set; }

    public IReadOnlyDictionary<string, long> Errors => _errors;

    public IReadOnlyList<SecondBucket> Seconds => _seconds;

    /// <summary>The window's start, when the phase begins its timetable (the first second of the series starts there).</summary>
    public void OpenWindow(long start)
    {
        lock (_lock)
        {
            _windowStart = start;
        }
    }

    /// <summary>The window's end: a completion drained after it belongs to its last second.</summary>
    public void CloseWindow(long windowEnd)
    {
        lock (_lock)
        {
            _windowEnd = windowEnd;
        }
    }

    public void Success(long now, long latencyTicks, long bytes)
    {
        lock (_lock)
        {
            if (_sealed)
            {
                return;
            }

            long micros = Micros(latencyTicks);
            var second = Second(now);
            LatencyHistogram.Record(Latency, micros);
            LatencyHistogram.Record(second.Latency, micros);
            second.Completed++;
            Requests++;
            Bytes += bytes;
        }
    }

    /// <summary>A failure of <paramref name="kind"/> known after <paramref name="latencyTicks"/>.</summary>
    public void Failure(long now, long latencyTicks, string kind, long bytes)
    {
        lock (_lock)
        {
            if (_sealed)
            {
                return;
            }

            LatencyHistogram.Record(Failures, Micros(latencyTicks));
            Second(now).Errors++;
            _errors[kind] = _errors.GetValueOrDefault(kind) + 1;
            ErrorCount++;
            Bytes += bytes;
        }
    }

    public void AddInFlight()
    {
        lock (_lock)
        {
            InFlight += _sealed ? 0 : 1;
        }
    }

    /// <summary>Stops recording; what is recorded so far is the level.</summary>
    public void Seal()
    {
        lock (_lock)
        {
            _sealed = true;
        }
    }

    private long Micros(long ticks) => (long)Math.Min(Math.Max(0, ticks) * 1_000_000.0 / ticksPerSecond, long.MaxValue / 2.0);

    private SecondBucket Second(long now)
    {
        long last = _windowEnd == long.MaxValue ? long.MaxValue : Math.Max(0, (_windowEnd - _windowStart - 1) / ticksPerSecond);
        int index = (int)Math.Clamp((now - _windowStart) / ticksPerSecond, 0, Math.Min(last, 86_400));
        while (_seconds.Count <= index)
        {
            _seconds.Add(new SecondBucket());
        }

        return _seconds[index];
    }
}
