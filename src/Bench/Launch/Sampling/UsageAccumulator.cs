namespace Bench.Launch.Sampling;

/// <summary>
/// Turns a series of <see cref="TreeSample"/>s into a <see cref="ResourceUsage"/>. A process or thread present in
/// the first sample counts from its value then; one that appears later counts from zero (it was born in the
/// window); one that disappears keeps its last value. Work of a child born and gone between two samples is missed.
/// </summary>
public sealed class UsageAccumulator(TreeSample first, double ticksPerSecond)
{
    private readonly Dictionary<(int, long), (long First, long Last)> _cpu = first.CpuTicks.ToDictionary(e => e.Key, e => (e.Value, e.Value));
    private readonly Dictionary<(int, long, int), ((long, long) First, (long, long) Last)> _switches = first.Switches.ToDictionary(e => e.Key, e => (e.Value, e.Value));
    private long _peakRss = first.RssBytes;
    private int _maxThreads = first.Threads;

    public int Samples { get; private set; } = 1;

    public void Add(TreeSample sample)
    {
        foreach (var (key, ticks) in sample.CpuTicks)
        {
            _cpu[key] = _cpu.TryGetValue(key, out var seen) ? (seen.First, ticks) : (0, ticks);
        }

        foreach (var (key, counts) in sample.Switches)
        {
            _switches[key] = _switches.TryGetValue(key, out var seen) ? (seen.First, counts) : ((0, 0), counts);
        }

        _peakRss = Math.Max(_peakRss, sample.RssBytes);
        _maxThreads = Math.Max(_maxThreads, sample.Threads);
        Samples++;
    }

    public ResourceUsage Result(TimeSpan window) => new(
        _cpu.Values.Sum(c => c.Last - c.First) / ticksPerSecond,
        _peakRss,
        _maxThreads,
        _switches.Values.Sum(s => s.Last.Item1 - s.First.Item1),
        _switches.Values.Sum(s => s.Last.Item2 - s.First.Item2),
        Samples,
        window);
}
