using System.Globalization;
using Bench.Launch;

namespace Bench.Results;

/// <summary>Where a run writes: results/&lt;name&gt;-&lt;yyyyMMdd-HHmmss&gt;/ under the checkout, unless --out names a folder.</summary>
public static class RunDirectory
{
    public static string DefaultRoot => Path.Combine(TargetsBinary.RepositoryRoot(), "results");

    /// <summary>The run's name: the scenario file's name without extension, or several joined by '+' (at most three, then "+N-more").</summary>
    public static string NameFor(IReadOnlyList<string> scenarioFiles)
    {
        var names = scenarioFiles.Select(f => Path.GetFileNameWithoutExtension(Path.TrimEndingDirectorySeparator(f))).OfType<string>().Distinct().ToArray();
        return names.Length switch
        {
            0 => "run",
            <= 3 => string.Join('+', names),
            _ => $"{string.Join('+', names.Take(3))}+{names.Length - 3}-more",
        };
    }

    /// <summary>
    /// Creates and returns the run folder: <paramref name="outOption"/> as given when set, otherwise
    /// <paramref name="root"/>/&lt;name&gt;-&lt;start time&gt;, with -2, -3… when two runs start in the same second.
    /// </summary>
    public static string Create(string? outOption, string root, string name, DateTimeOffset startedAt)
    {
        if (!string.IsNullOrEmpty(outOption))
        {
            return Directory.CreateDirectory(outOption).FullName;
        }

        string stem = Path.Combine(root, $"{name}-{startedAt.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}");
        string path = stem;
        for (int n = 2; Directory.Exists(path); n++)
        {
            path = $"{stem}-{n}";
        }

        return Directory.CreateDirectory(path).FullName;
    }
}
