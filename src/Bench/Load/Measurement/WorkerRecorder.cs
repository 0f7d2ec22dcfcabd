using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Bench.Load.Http;
using HdrHistogram;

namespace Bench.Load.Measurement;

/// <summary>
/// One worker's measurements: written by its event-loop thread only (no locks), merged after the run.
/// A request is a success (expected status and body): only those count as <see cref="Requests"/> and go into
/// <see cref="Latency"/>; every failure, with the time it took where it had one, goes into <see cref="Failures"/>.
/// <see cref="Requests"/> and <see cref="ErrorTotal"/> may be read by another thread for progress reports.
/// </summary>
internal sealed class WorkerRecorder(long measureStart, long measureEnd, long ticksPerSecond, Func<int, bool> isExpectedStatus)
{
    private static readonly int ErrorKindCount = Enum.GetValues<ErrorKind>().Length;

    // Plain fields: the owning worker increments them; the progress reporter only reads (Volatile.Read).
    public long Requests;
    public long ErrorTotal;
    public long Responses;
    public long InFlight;

    // What a cache in front of the target said of the window's responses (X-Cache-Status), any status.
    public long CacheHits;
    public long CacheMisses;
    public long CacheOther;

    private readonly long[] _errors = new long[ErrorKindCount];
    private readonly Dictionary<int, long> _statuses = [];
    private readonly List<SecondBucket> _seconds = [];
    private readonly Func<int, bool> _isExpectedStatus = isExpectedStatus;

    // A response drained after the window (open model) belongs to the window's last second.
    private readonly long _lastSecond = Math.Max(0, (measureEnd - measureStart - 1) / ticksPerSecond);
    private SecondBucket? _current;
    private long _currentSecond = -1;

    /// <summary>Latencies of successful responses, in microseconds.</summary>
    public LongHistogram Latency { get; } = LatencyHistogram.Create();

    /// <summary>How long each failure took until it was known: error responses, timeouts, resets, refusals.</summary>
    public LongHistogram Failures { get; } = LatencyHistogram.Create();

    public IReadOnlyDictionary<int, long> Statuses => _statuses;

    public IReadOnlyList<SecondBucket> Seconds => _seconds;

    public long ErrorsOf(ErrorKind kind) => _errors[(int)kind];

    /// <summary>A complete response: a success when status and body are as expected, else an error of that kind.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void RecordResponse(long now, long latencyTicks, int status, bool bodyMatches, CacheStatus cache = CacheStatus.None)
    {
        long micros = ToMicros(latencyTicks);
        var second = Second(now);
        Responses++;
        switch (cache)
        {
            case CacheStatus.Hit: CacheHits++; break;
            case CacheStatus.Miss: CacheMisses++; break;
            case CacheStatus.Other: CacheOther++; break;
        }

        CollectionsMarshal.GetValueRefOrAddDefault(_statuses, status, out _)++;
        if (!_isExpectedStatus(status))
        {
            LatencyHistogram.Record(Failures, micros);
            second.Errors++;
            ErrorTotal++;
        }
        else if (!bodyMatches)
        {
            LatencyHistogram.Record(Failures, micros);
            CountError(second, ErrorKind.BodyMismatch);
        }
        else
        {
            LatencyHistogram.Record(Latency, micros);
            LatencyHistogram.Record(second.Latency, micros);
            second.Completed++;
            Requests++;
        }
    }

    /// <summary>A request that got no (usable) response, after <paramref name="waitedTicks"/> (negative: unknown).</summary>
    public void RecordError(long now, ErrorKind kind, long waitedTicks)
    {
        if (waitedTicks >= 0)
        {
            LatencyHistogram.Record(Failures, ToMicros(waitedTicks));
        }

        CountError(Second(now), kind);
    }

    private void CountError(SecondBucket second, ErrorKind kind)
    {
        _errors[(int)kind]++;
        second.Errors++;
        ErrorTotal++;
    }

    private long ToMicros(long ticks) => (long)Math.Min(ticks * 1_000_000.0 / ticksPerSecond, long.MaxValue / 2.0);

    private SecondBucket Second(long now)
    {
        long index = Math.Clamp((now - measureStart) / ticksPerSecond, 0, _lastSecond);
        if (index != _currentSecond)
        {
            while (_seconds.Count <= index)
            {
                _seconds.Add(new SecondBucket());
            }

            _current = _seconds[(int)index];
            _currentSecond = index;
        }

        return _current!;
    }
}
