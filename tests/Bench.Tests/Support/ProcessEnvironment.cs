using Bench.Launch.Sampling;

namespace Bench.Tests.Support;

/// <summary>The live processes started with a given environment entry (by /proc/&lt;pid&gt;/environ), with their command names.</summary>
public static class ProcessEnvironment
{
    public static IReadOnlyList<(int Pid, string Name)> With(string entry) =>
        [.. ProcFs.System.Pids()
            .Where(pid => ProcFs.System.Environment(pid) is { } environment && environment.Split('\0').Contains(entry, StringComparer.Ordinal))
            .Where(pid => ProcFs.System.Stat(pid) is { IsZombie: false })
            .Select(pid => (pid, Name(pid)))];

    private static string Name(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/comm").Trim();
        }
        catch (IOException)
        {
            return "?";
        }
    }
}
