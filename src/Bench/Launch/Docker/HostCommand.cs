using System.ComponentModel;
using System.Diagnostics;

namespace Bench.Launch.Docker;

/// <summary>Runs a host tool (ldd, ldconfig) with an argument list, no shell, and returns what it printed.</summary>
internal static class HostCommand
{
    /// <summary>The exit code is the caller's to judge: ldd exits 1 when any one of its files is not dynamic.</summary>
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(
        string program, IEnumerable<string> arguments, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        Process? process;
        try
        {
            process = Process.Start(info);
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"{program} is needed to build images and could not be started: {e.Message}", e);
        }

        using var started = process ?? throw new InvalidOperationException($"{program} could not be started");
        try
        {
            // Both pipes drained at once, so a chatty stderr cannot stall the tool.
            var output = started.StandardOutput.ReadToEndAsync(cancellationToken);
            var error = started.StandardError.ReadToEndAsync(cancellationToken);
            await started.WaitForExitAsync(cancellationToken);
            return (started.ExitCode, await output, await error);
        }
        catch (OperationCanceledException)
        {
            try
            {
                started.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // It exited in the meantime: nothing left to stop.
            }

            throw;
        }
    }
}
