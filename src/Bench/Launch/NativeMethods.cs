using System.Runtime.InteropServices;

namespace Bench.Launch;

/// <summary>POSIX calls .NET does not expose: a polite SIGTERM before any kill, and clock ticks.</summary>
internal static partial class NativeMethods
{
    public const int SIGTERM = 15;
    public const int SIGINT = 2;
    public const int SIGKILL = 9;

    /// <summary>sysconf name of the clock-tick rate on Linux (glibc and musl).</summary>
    public const int SC_CLK_TCK = 2;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    public static partial int Kill(int pid, int signal);

    [LibraryImport("libc", EntryPoint = "sysconf", SetLastError = true)]
    public static partial long Sysconf(int name);
}
