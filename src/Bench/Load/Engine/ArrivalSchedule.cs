namespace Bench.Load.Engine;

/// <summary>
/// The open model's timetable: when the k-th request (k = 0, 1, …) is due, in seconds from the start of the run.
/// The rate is piecewise linear (warmup at the start rate, then the stages, then the last rate held), so the number
/// of arrivals by time t, A(t), is piecewise quadratic and the k-th arrival is the t where A(t) = k.
/// Pure arithmetic: no clock, so it is tested exactly. Each worker owns one (it caches its position).
/// </summary>
internal sealed class ArrivalSchedule
{
    private readonly Segment[] _segments;
    private int _cursor;

    public ArrivalSchedule(double startRate, TimeSpan warmup, IReadOnlyList<RateStage> stages, TimeSpan total)
    {
        var segments = new List<Segment>();
        double time = 0, count = 0, rate = startRate;
        void Add(double duration, double toRate)
        {
            if (duration > 0)
            {
                var segment = new Segment(time, duration, rate, toRate, count);
                segments.Add(segment);
                time += duration;
                count = segment.EndCount;
            }

            rate = toRate;
        }

        Add(warmup.TotalSeconds, startRate);
        foreach (var stage in stages)
        {
            Add(stage.Duration.TotalSeconds, stage.TargetRate);
        }

        Add(total.TotalSeconds - time, rate);
        _segments = [.. segments];
    }

    public double TotalSeconds => _segments.Length == 0 ? 0 : _segments[^1].End;

    /// <summary>When arrival <paramref name="k"/> is due, or +∞ when the schedule has fewer arrivals.</summary>
    public double TimeOf(long k)
    {
        if (_cursor >= _segments.Length || k < _segments[_cursor].StartCount)
        {
            _cursor = 0;
        }

        while (_cursor < _segments.Length && k >= _segments[_cursor].EndCount)
        {
            _cursor++;
        }

        return _cursor < _segments.Length ? _segments[_cursor].TimeOf(k) : double.PositiveInfinity;
    }

    /// <summary>A(t): how many arrivals the schedule has put at times before <paramref name="seconds"/> (real-valued).</summary>
    public double ArrivalsBy(double seconds)
    {
        foreach (var segment in _segments)
        {
            if (seconds < segment.End)
            {
                return segment.CountAt(Math.Max(0, seconds - segment.Start));
            }
        }

        return _segments.Length == 0 ? 0 : _segments[^1].EndCount;
    }

    private readonly record struct Segment(double Start, double Duration, double FromRate, double ToRate, double StartCount)
    {
        public double End => Start + Duration;

        public double EndCount => StartCount + ((FromRate + ToRate) / 2 * Duration);

        // A(τ) = c + r0·τ + a·τ², a = (r1 − r0) / 2d
        private double Curvature => (ToRate - FromRate) / (2 * Duration);

        public double CountAt(double tau) => StartCount + (FromRate * tau) + (Curvature * tau * tau);

        public double TimeOf(long k)
        {
            double x = k - StartCount;
            if (x <= 0)
            {
                return Start;
            }

            // The root of a·τ² + r0·τ − x = 0 written as 2x / (r0 + √(r0² + 4ax)): stable for a = 0 and a < 0.
            double root = Math.Sqrt(Math.Max(0, (FromRate * FromRate) + (4 * Curvature * x)));
            return Start + Math.Min(Duration, 2 * x / (FromRate + root));
        }
    }
}
