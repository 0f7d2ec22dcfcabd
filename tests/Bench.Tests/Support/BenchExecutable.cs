using System.Diagnostics;
using Bench.Launch;

namespace Bench.Tests.Support;

/// <summary>Runs the built `bench` CLI as a child process, the way scripts/bench.sh does, and captures its output.</summary>
public static class BenchExecutable
{
    public sealed record Outcome(int ExitCode, string Stdout, string Stderr)
    {
        public string[] StderrLines => Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    /// <summary>&lt;repo&gt;/src/Bench/bin/&lt;configuration&gt;/&lt;tfm&gt;/Bench, matching how the tests were built.</summary>
    public static string Locate() => TargetsBinary.BuiltExecutable(Path.Combine("src", "Bench"), "Bench");

    public static Process Start(params string[] args) => StartWith(new Dictionary<string, string>(), args);

    public static Process StartWith(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var info = new ProcessStartInfo(Locate()) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        foreach (string arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return Process.Start(info) ?? throw new InvalidOperationException("bench did not start");
    }

    /// <summary>Waits for <paramref name="process"/> (killing it after <paramref name="timeout"/>) and collects its output.</summary>
    public static async Task<Outcome> FinishAsync(Process process, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            throw new TimeoutException($"bench did not finish within {timeout.TotalSeconds:0} s");
        }

        return new Outcome(process.ExitCode, await stdout, await stderr);
    }

    public static async Task<Outcome> RunAsync(CancellationToken cancellationToken, params string[] args)
    {
        using var process = Start(args);
        return await FinishAsync(process, TimeSpan.FromSeconds(60), cancellationToken);
    }
}
