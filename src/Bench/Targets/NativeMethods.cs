using System.Runtime.InteropServices;

namespace Bench.Targets;

/// <summary>POSIX calls .NET does not expose: a polite SIGTERM before any kill.</summary>
internal static partial class NativeMethods
{
    public const int SIGTERM = 15;
    public const int SIGINT = 2;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    public static partial int Kill(int pid, int signal);
}
