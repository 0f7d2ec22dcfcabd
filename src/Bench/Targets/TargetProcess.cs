using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Bench.Targets;

/// <summary>
/// One running target: started from an argument array, ready when its stdout announces the port,
/// stopped with SIGTERM and killed (with its whole tree) when it does not exit in time.
/// The one child-process helper every command and test uses, so nothing is ever left running.
/// </summary>
public sealed partial class TargetProcess : IAsyncDisposable
{
    private const int StderrLinesKept = 20;

    private readonly Process _process;
    private readonly TaskCompletionSource<int> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Queue<string> _stderrTail = new();
    private readonly Lock _stderrGate = new();

    private TargetProcess(TargetDefinition definition, Process process)
    {
        Definition = definition;
        _process = process;
    }

    public TargetDefinition Definition { get; }

    public int Pid => _process.Id;

    public int Port { get; private set; }

    public bool HasExited => _process.HasExited;

    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    public string StderrTail
    {
        get
        {
            lock (_stderrGate)
            {
                return string.Join(Environment.NewLine, _stderrTail);
            }
        }
    }

    /// <summary>Starts the target on a port it picks itself, and waits until it listens.</summary>
    public static async Task<TargetProcess> StartAsync(TargetDefinition definition, TimeSpan readyTimeout, CancellationToken cancellationToken)
    {
        var command = definition.CommandFor(0);
        var info = new ProcessStartInfo(command[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (string arg in command.Skip(1))
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in definition.Environment)
        {
            info.Environment[key] = value;
        }

        Process process;
        try
        {
            process = Process.Start(info) ?? throw new TargetStartException(definition.Name, "the process did not start", "");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new TargetStartException(definition.Name, $"cannot run '{command[0]}': {e.Message}", "");
        }

        var target = new TargetProcess(definition, process);
        process.OutputDataReceived += (_, e) => target.OnStdout(e.Data);
        process.ErrorDataReceived += (_, e) => target.OnStderr(e.Data);
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => _ = target.FailReadinessAfterExitAsync();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            target.Port = await target._ready.Task.WaitAsync(readyTimeout, cancellationToken);
            return target;
        }
        catch (TimeoutException)
        {
            await target.DisposeAsync();
            throw new TargetStartException(definition.Name, $"not ready within {readyTimeout.TotalSeconds:0.#} s", target.StderrTail);
        }
        catch
        {
            await target.DisposeAsync();
            throw;
        }
    }

    /// <summary>SIGTERM, then a kill of the whole tree if it has not exited within <paramref name="grace"/>.</summary>
    public async Task<int> StopAsync(TimeSpan grace)
    {
        if (!_process.HasExited)
        {
            _ = NativeMethods.Kill(_process.Id, NativeMethods.SIGTERM);
            using var timeout = new CancellationTokenSource(grace);
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync(CancellationToken.None);
            }
        }

        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync(TimeSpan.FromSeconds(5));
        }
        catch (InvalidOperationException)
        {
            // Never started or already reaped.
        }

        _process.Dispose();
    }

    /// <summary>Waits for stderr to be read to its end first, so the error carries the target's last words.</summary>
    private async Task FailReadinessAfterExitAsync()
    {
        using var drain = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        try
        {
            await _process.WaitForExitAsync(drain.Token);
        }
        catch (OperationCanceledException)
        {
            // A grandchild holds the pipe open: report what we have.
        }

        _ready.TrySetException(new TargetStartException(
            Definition.Name, $"exited with code {SafeExitCode(_process)} before it was ready", StderrTail));
    }

    [GeneratedRegex(@"listening on http://(?:127\.0\.0\.1|\[::1\]|localhost):(\d+)")]
    private static partial Regex ReadyLine();

    private static string SafeExitCode(Process process)
    {
        try
        {
            return process.ExitCode.ToString();
        }
        catch (InvalidOperationException)
        {
            return "?";
        }
    }

    private void OnStdout(string? line)
    {
        if (line is not null && !_ready.Task.IsCompleted && ReadyLine().Match(line) is { Success: true } match)
        {
            _ready.TrySetResult(int.Parse(match.Groups[1].ValueSpan));
        }
    }

    private void OnStderr(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_stderrGate)
        {
            _stderrTail.Enqueue(line);
            while (_stderrTail.Count > StderrLinesKept)
            {
                _stderrTail.Dequeue();
            }
        }
    }
}
