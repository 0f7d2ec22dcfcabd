using System.Runtime.InteropServices;

namespace Bench.Launch.Docker;

/// <summary>
/// Reads <c>ldconfig -p</c> (the loader's cache) to find where a library that is loaded with dlopen lives:
/// ldd cannot see those, so a recipe names them and they are looked up here.
/// </summary>
public static class LdconfigOutput
{
    private const string Arrow = " => ";

    /// <summary>How ldconfig marks libraries of the architecture this process runs on (32-bit ones are listed too).</summary>
    public static string HostArchitecture => RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 => "x86-64",
        Architecture.Arm64 => "AArch64",
        var other => throw new PlatformNotSupportedException($"no ldconfig architecture known for {other}"),
    };

    /// <summary>
    /// The path of <paramref name="soname"/> for <paramref name="architecture"/> in lines like
    /// <c>\tlibssl.so.3 (libc6,x86-64) => /lib/x86_64-linux-gnu/libssl.so.3</c>; the first one listed (the one the
    /// loader prefers), or null when there is none.
    /// </summary>
    public static string? Find(string output, string soname, string architecture)
    {
        ArgumentNullException.ThrowIfNull(output);
        foreach (string raw in output.Split('\n'))
        {
            string line = raw.Trim();
            int arrow = line.IndexOf(Arrow, StringComparison.Ordinal);
            int open = line.IndexOf(" (", StringComparison.Ordinal);
            if (arrow < 0 || open < 0 || open > arrow || line[..open] != soname)
            {
                continue;
            }

            // Flags read like "libc6,x86-64" or "libc6,x86-64, OS ABI: Linux 3.2.0".
            int close = line.LastIndexOf(')', arrow);
            string flags = close > open ? line[(open + 2)..close] : "";
            if (flags.Split(',', StringSplitOptions.TrimEntries).Contains(architecture, StringComparer.Ordinal))
            {
                return line[(arrow + Arrow.Length)..].Trim();
            }
        }

        return null;
    }
}
