using System.Diagnostics;
using Bench.Launch;

namespace Bench.Sdk.Tests.Support;

/// <summary>A sample's built executable run as a user runs it (<c>--out folder</c>), killed with its tree if it overstays.</summary>
public static class SampleProcess
{
    /// <summary>Runs samples/<paramref name="name"/> with <paramref name="environment"/>; its pid, exit code and output.</summary>
    public static async Task<(int Pid, int ExitCode, string Output, string Errors)> RunAsync(
        string name, string folder, IReadOnlyDictionary<string, string> environment, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(TargetsBinary.BuiltExecutable($"samples/{name}", name))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        info.ArgumentList.Add("--out");
        info.ArgumentList.Add(folder);
        using var sample = Process.Start(info)!;
        var output = sample.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = sample.StandardError.ReadToEndAsync(cancellationToken);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await sample.WaitForExitAsync(deadline.Token);
        }
        finally
        {
            if (!sample.HasExited)
            {
                sample.Kill(entireProcessTree: true);
            }
        }

        return (sample.Id, sample.ExitCode, await output, await errors);
    }
}
