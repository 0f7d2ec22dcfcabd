using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using HdrHistogram;

namespace Bench.Load.Measurement;

/// <summary>
/// One worker's measurements: written by its event-loop thread only (no locks), merged after the run.
/// <see cref="Responses"/> and <see cref="ErrorTotal"/> may be read by another thread for progress reports.
/// </summary>
internal sealed class WorkerRecorder(long measureStart, long ticksPerSecond, Func<int, bool> isExpectedStatus)
{
    private static readonly int ErrorKindCount = Enum.GetValues<ErrorKind>().Length;

    // Plain fields: the owning worker increments them; the progress reporter only reads (Volatile.Read).
    public long Responses;
    public long ErrorTotal;
    public long Succeeded;
    public long InFlight;

    private readonly long[] _errors = new long[ErrorKindCount];
    private readonly Dictionary<int, long> _statuses = [];
    private readonly List<SecondBucket> _seconds = [];
    private readonly Func<int, bool> _isExpectedStatus = isExpectedStatus;
    private SecondBucket? _current;
    private long _currentSecond = -1;

    public LongHistogram Latency { get; } = LatencyHistogram.Create();

    public IReadOnlyDictionary<int, long> Statuses => _statuses;

    public IReadOnlyList<SecondBucket> Seconds => _seconds;

    public long ErrorsOf(ErrorKind kind) => _errors[(int)kind];

    /// <summary>A complete response: latency recorded whatever the status; errors counted for a wrong status or body.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void RecordResponse(long now, long latencyTicks, int status, bool bodyMatches)
    {
        long micros = ToMicros(latencyTicks);
        var second = Second(now);
        LatencyHistogram.Record(Latency, micros);
        LatencyHistogram.Record(second.Latency, micros);
        second.Completed++;
        Responses++;
        CollectionsMarshal.GetValueRefOrAddDefault(_statuses, status, out _)++;
        if (!_isExpectedStatus(status))
        {
            second.Errors++;
            ErrorTotal++;
        }
        else if (!bodyMatches)
        {
            CountError(second, ErrorKind.BodyMismatch);
        }
        else
        {
            Succeeded++;
        }
    }

    /// <summary>A request that got no (usable) response. Timeouts also record how long they waited.</summary>
    public void RecordError(long now, ErrorKind kind, long waitedTicks = -1)
    {
        var second = Second(now);
        if (waitedTicks >= 0)
        {
            long micros = ToMicros(waitedTicks);
            LatencyHistogram.Record(Latency, micros);
            LatencyHistogram.Record(second.Latency, micros);
        }

        CountError(second, kind);
    }

    private void CountError(SecondBucket second, ErrorKind kind)
    {
        _errors[(int)kind]++;
        second.Errors++;
        ErrorTotal++;
    }

    private long ToMicros(long ticks) => Math.Min(ticks, 3600 * ticksPerSecond) * 1_000_000 / ticksPerSecond;

    private SecondBucket Second(long now)
    {
        long index = Math.Max(0, (now - measureStart) / ticksPerSecond);
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
