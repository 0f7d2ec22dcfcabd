namespace Bench.Tests.Support;

/// <summary>Every process's command line, to check that nothing a test started is still running.</summary>
public static class ProcessList
{
    public static IEnumerable<string> CommandLines() =>
        Directory.EnumerateDirectories("/proc")
            .Where(d => int.TryParse(Path.GetFileName(d), out _))
            .Select(d =>
            {
                try
                {
                    return File.ReadAllText(Path.Combine(d, "cmdline")).Replace('\0', ' ').Trim();
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    return "";
                }
            });
}
