using System.Runtime.InteropServices;
using Bench.Targets.Sampling;

namespace Bench.Cli;

/// <summary>
/// Ctrl-C and SIGTERM for long commands: the first stops the work through <see cref="Token"/> (the command then
/// writes what it measured and stops its targets); the second kills every child process at once and exits 130.
/// </summary>
public sealed class Interruption : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly PosixSignalRegistration _sigint;
    private readonly PosixSignalRegistration _sigterm;
    private readonly TextWriter _stderr;
    private int _signals;

    public Interruption(TextWriter stderr)
    {
        _stderr = stderr;
        _sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        _sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
    }

    public CancellationToken Token => _stop.Token;

    public bool Requested => _stop.IsCancellationRequested;

    public void Dispose()
    {
        _sigint.Dispose();
        _sigterm.Dispose();
        _stop.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true;
        if (Interlocked.Increment(ref _signals) == 1)
        {
            _stderr.WriteLine("interrupted: stopping the load, writing results, stopping targets (again to kill at once)");
            _stop.Cancel();
            return;
        }

        var children = ProcessTree.Of(Environment.ProcessId, ProcFs.System).Where(p => p.Pid != Environment.ProcessId);
        foreach (var child in children)
        {
            try
            {
                System.Diagnostics.Process.GetProcessById(child.Pid).Kill();
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Already gone.
            }
        }

        Environment.Exit(ExitCodes.Interrupted);
    }
}
