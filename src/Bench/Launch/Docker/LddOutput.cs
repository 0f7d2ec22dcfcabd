namespace Bench.Launch.Docker;

/// <summary>
/// What <c>ldd</c> printed, read as the shared libraries the files need: the absolute paths the loader resolved
/// (the image stores each at that path) and the names it could not find. A missing library is not an error here:
/// some are optional (coreclr's trace provider needs liblttng-ust only where LTTng is installed), so the caller
/// decides. Output for several files at once (a "file:" line before each file's list) reads the same way.
/// </summary>
public sealed record LddOutput(IReadOnlyList<string> Libraries, IReadOnlyList<string> Missing)
{
    private const string Arrow = " => ";
    private const string NotFound = "not found";

    /// <summary>
    /// Reads lines like <c>\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x…)</c> and the loader's own
    /// <c>\t/lib64/ld-linux-x86-64.so.2 (0x…)</c>. The kernel's vDSO (no path), <c>not a dynamic executable</c>,
    /// <c>statically linked</c> and the per-file headers add nothing. Each path and name appears once, in first-seen order.
    /// </summary>
    public static LddOutput Parse(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var libraries = new List<string>();
        var missing = new List<string>();
        foreach (string raw in output.Split('\n'))
        {
            // Library lines are indented; a line that is not is the "file:" header of a multi-file call.
            if (raw.Length == 0 || raw[0] != '\t')
            {
                continue;
            }

            string line = WithoutLoadAddress(raw.Trim());
            int arrow = line.IndexOf(Arrow, StringComparison.Ordinal);
            string resolved = arrow < 0 ? line : line[(arrow + Arrow.Length)..].Trim();
            if (resolved == NotFound)
            {
                AddOnce(missing, line[..arrow].Trim());
            }
            else if (resolved.StartsWith('/'))
            {
                AddOnce(libraries, resolved);
            }
        }

        return new LddOutput(libraries, missing);
    }

    /// <summary>Drops a trailing " (0x00007f…)": where the library was mapped in the traced run, of no use here.</summary>
    private static string WithoutLoadAddress(string line)
    {
        int open = line.LastIndexOf(" (0x", StringComparison.Ordinal);
        return open >= 0 && line.EndsWith(')') ? line[..open].TrimEnd() : line;
    }

    private static void AddOnce(List<string> list, string value)
    {
        if (value.Length > 0 && !list.Contains(value, StringComparer.Ordinal))
        {
            list.Add(value);
        }
    }
}
