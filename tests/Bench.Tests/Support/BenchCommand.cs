using System.Diagnostics;
using Bench.Launch;

namespace Bench.Tests.Support;

/// <summary>Runs the built `bench` executable as a user would, capturing what it prints and its exit code.</summary>
public static class BenchCommand
{
    public sealed record Outcome(int ExitCode, string Stdout, string Stderr);

    public static async Task<Outcome> RunAsync(params string[] args)
    {
        // <repo>/tests/Bench.Tests/bin/<Configuration>/<tfm>/ → <repo>/src/Bench/bin/<Configuration>/<tfm>/Bench
        var baseDir = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        string bench = Path.Combine(TargetsBinary.RepositoryRoot(), "src", "Bench", "bin", baseDir.Parent!.Name, baseDir.Name, "Bench");
        var info = new ProcessStartInfo(bench)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = TargetsBinary.RepositoryRoot(),
        };
        info.Environment["COLUMNS"] = "200";
        foreach (string arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        try
        {
            await process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        return new Outcome(process.ExitCode, await stdout, await stderr);
    }
}
