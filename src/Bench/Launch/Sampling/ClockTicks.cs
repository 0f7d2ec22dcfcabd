namespace Bench.Launch.Sampling;

/// <summary>The unit of /proc CPU times: sysconf(_SC_CLK_TCK), which is 100 on every common Linux (the fallback).</summary>
public static class ClockTicks
{
    public const long Fallback = 100;

    public static long PerSecond { get; } = Read();

    private static long Read()
    {
        try
        {
            long ticks = NativeMethods.Sysconf(NativeMethods.SC_CLK_TCK);
            return ticks > 0 ? ticks : Fallback;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return Fallback;
        }
    }
}
