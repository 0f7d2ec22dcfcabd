using Bench.Load.Platform;

namespace Bench.Load.Measurement;

/// <summary>
/// What one worker's thread spent during the measured window: CPU time and managed allocations (the proof that
/// requests allocate nothing). Worker 0 also samples the whole process's CPU when the window opens.
/// Open and Close must run on the worker's own thread: both read per-thread counters.
/// </summary>
internal sealed class WindowMeter
{
    private TimeSpan _threadCpuAtOpen;
    private long _allocatedAtOpen;

    public bool IsOpen { get; private set; }

    public bool IsClosed { get; private set; }

    public long Start { get; private set; }

    public long End { get; private set; }

    public TimeSpan ThreadCpu { get; private set; }

    public long AllocatedBytes { get; private set; }

    public TimeSpan ProcessCpuAtStart { get; private set; }

    public void Open(long now, bool sampleProcess)
    {
        IsOpen = true;
        Start = now;
        _threadCpuAtOpen = CpuTime.CurrentThread();
        _allocatedAtOpen = GC.GetAllocatedBytesForCurrentThread();
        ProcessCpuAtStart = sampleProcess ? CpuTime.Process() : TimeSpan.Zero;
    }

    /// <summary>Closes the window at <paramref name="end"/> (opening it there first if the run stopped before it began).</summary>
    public void Close(long end, bool sampleProcess)
    {
        if (!IsOpen)
        {
            Open(end, sampleProcess);
        }

        IsClosed = true;
        End = Math.Max(Start, end);
        ThreadCpu = CpuTime.CurrentThread() - _threadCpuAtOpen;
        AllocatedBytes = GC.GetAllocatedBytesForCurrentThread() - _allocatedAtOpen;
    }
}
