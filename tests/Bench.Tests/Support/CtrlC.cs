using System.Globalization;
using Bench.Launch;

namespace Bench.Tests.Support;

/// <summary>
/// Ctrl-C for a child process, as a terminal sends it. A child started by a test host that was itself started as a
/// shell's background job (`cmd &`) inherits SIGINT ignored, and Bench respects that as `nohup` users expect: such a
/// test would only time out, so it fails at once and says why.
/// </summary>
public static class CtrlC
{
    public static void Send(int pid)
    {
        Assert.False(Ignores(pid), $"process {pid} ignores SIGINT: it inherited that from a test host started as a background job (`… &`); run the tests in the foreground");
        Assert.Equal(0, NativeMethods.Kill(pid, NativeMethods.SIGINT));
    }

    /// <summary>Whether SIGINT is in the process's ignored set (the SigIgn mask of /proc/pid/status, bit 1 for signal 2).</summary>
    public static bool Ignores(int pid)
    {
        string mask = File.ReadLines($"/proc/{pid}/status").Single(l => l.StartsWith("SigIgn:", StringComparison.Ordinal))["SigIgn:".Length..].Trim();
        return (ulong.Parse(mask, NumberStyles.HexNumber, CultureInfo.InvariantCulture) & (1UL << (NativeMethods.SIGINT - 1))) != 0;
    }
}
