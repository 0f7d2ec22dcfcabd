namespace Bench.Targets;

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

        // <repo>/src/Bench/bin/<Configuration>/<tfm>/ → <repo>/targets/Bench.Targets/bin/<Configuration>/<tfm>/Bench.Targets
        var baseDir = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        string tfm = baseDir.Name;
        string configuration = baseDir.Parent?.Name ?? "Release";
        string root = RepositoryRoot();
        return Path.Combine(root, "targets", "Bench.Targets", "bin", configuration, tfm, "Bench.Targets");
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
