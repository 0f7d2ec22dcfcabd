using System.Diagnostics;
using System.Runtime.InteropServices;
using Bench.Launch;

namespace Bench.Results;

/// <summary>Gathers <see cref="RunInfo"/>: the machine from /proc/cpuinfo, OS and runtime, and Bench's git commit.</summary>
public static class RunInfoCollector
{
    public const string UnknownCommit = "unknown";

    public static async Task<RunInfo> CollectAsync(PinningInfo pinning, DateTimeOffset startedAt, CancellationToken cancellationToken) => new(
        Machine(),
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        await GitCommitAsync(TargetsBinary.RepositoryRoot(), cancellationToken),
        pinning,
        startedAt,
        null);

    /// <summary>Cores (processor entries) and the first "model name"; the runtime's count and "unknown" where cpuinfo says nothing.</summary>
    public static MachineInfo Machine(string cpuinfo = "/proc/cpuinfo")
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(cpuinfo);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            lines = [];
        }

        int cores = lines.Count(l => l.StartsWith("processor", StringComparison.Ordinal) && l.Contains(':', StringComparison.Ordinal));
        string? model = lines.Where(l => l.StartsWith("model name", StringComparison.Ordinal)).Select(l => l[(l.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim()).FirstOrDefault();
        return new MachineInfo(cores > 0 ? cores : Environment.ProcessorCount, string.IsNullOrEmpty(model) ? "unknown" : model);
    }

    /// <summary><c>git rev-parse HEAD</c> in <paramref name="repository"/>; "unknown" without git, outside a checkout, or after 5 s.</summary>
    public static async Task<string> GitCommitAsync(string repository, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string arg in new[] { "-C", repository, "rev-parse", "HEAD" })
        {
            info.ArgumentList.Add(arg);
        }

        try
        {
            using var git = Process.Start(info);
            if (git is null)
            {
                return UnknownCommit;
            }

            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(TimeSpan.FromSeconds(5));
            var output = git.StandardOutput.ReadToEndAsync(limit.Token);
            try
            {
                await git.WaitForExitAsync(limit.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                git.Kill();
                return UnknownCommit;
            }

            string commit = (await output).Trim();
            return git.ExitCode == 0 && commit.Length >= 7 ? commit : UnknownCommit;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return UnknownCommit;
        }
    }
}
