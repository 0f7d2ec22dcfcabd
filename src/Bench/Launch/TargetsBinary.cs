namespace Bench.Launch;

/// <summary>
/// Finds the built Bench.Targets executable. The harness launches it directly, never through
/// `dotnet run`, so start-up and measurements contain only the server.
/// </summary>
public static class TargetsBinary
{
    public const string EnvironmentVariable = "BENCH_TARGETS_BIN";

    public static string Locate()
    {
        string? fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return fromEnvironment;
        }

        return BuiltExecutable(Path.Combine("targets", "Bench.Targets"), "Bench.Targets");
    }

    /// <summary>
    /// An executable of this checkout built like the running code: &lt;repo&gt;/src/Bench/bin/&lt;Configuration&gt;/&lt;tfm&gt;/ →
    /// &lt;repo&gt;/<paramref name="projectFolder"/>/bin/&lt;Configuration&gt;/&lt;tfm&gt;/<paramref name="name"/>.
    /// </summary>
    public static string BuiltExecutable(string projectFolder, string name)
    {
        var baseDir = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        return Path.Combine(RepositoryRoot(), projectFolder, "bin", baseDir.Parent?.Name ?? "Release", baseDir.Name, name);
    }

    /// <summary>The folder holding Bench.sln, found from where Bench runs.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Bench.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"cannot find Bench.sln above {AppContext.BaseDirectory}; set {EnvironmentVariable}");
    }
}
