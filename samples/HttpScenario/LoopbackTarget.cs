using System.Diagnostics;
using System.Text.RegularExpressions;
using Bench.Launch;

namespace Bench.Samples.HttpScenario;

/// <summary>
/// One of Bench's targets (`Bench.Targets --model &lt;model&gt; --port 0`) started for the sample: it binds 127.0.0.1 on a
/// free port and says so in one line, which gives the URL. Stopped (its process tree killed) on dispose.
/// </summary>
internal sealed partial class LoopbackTarget : IDisposable
{
    private readonly Process _process;

    private LoopbackTarget(Process process, Uri url)
    {
        _process = process;
        Url = url;
    }

    public Uri Url { get; }

    public static async Task<LoopbackTarget> StartAsync(string model, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(TargetsBinary.Locate()) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string arg in new[] { "--model", model, "--port", "0" })
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {info.FileName}");
        using var startup = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        startup.CancelAfter(TimeSpan.FromSeconds(10));
        try
        {
            while (await process.StandardOutput.ReadLineAsync(startup.Token) is { } line)
            {
                if (Listening().Match(line) is { Success: true } match)
                {
                    return new LoopbackTarget(process, new Uri(match.Groups[1].Value));
                }
            }
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw new TimeoutException($"{info.FileName} did not say where it listens within 10 s");
        }

        process.Dispose();
        throw new InvalidOperationException($"{info.FileName} exited before listening");
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }

        _process.Dispose();
    }

    [GeneratedRegex(@"^listening on (http://127\.0\.0\.1:\d+)")]
    private static partial Regex Listening();
}
