using static Bench.Load.Platform.LinuxNative;

namespace Bench.Load.Platform;

/// <summary>CPU time used so far, user plus system: of the whole process, or of the calling thread.</summary>
internal static unsafe class CpuTime
{
    public static TimeSpan Process()
    {
        RUsage usage;
        if (GetRUsage(RUSAGE_SELF, &usage) != 0)
        {
            return System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
        }

        long micros = ((usage.UserSeconds + usage.SystemSeconds) * 1_000_000) + usage.UserMicroseconds + usage.SystemMicroseconds;
        return TimeSpan.FromMicroseconds(micros);
    }

    public static TimeSpan CurrentThread()
    {
        Timespec time;
        return ClockGetTime(CLOCK_THREAD_CPUTIME_ID, &time) == 0
            ? TimeSpan.FromTicks((time.Seconds * TimeSpan.TicksPerSecond) + (time.Nanoseconds / 100))
            : TimeSpan.Zero;
    }
}
