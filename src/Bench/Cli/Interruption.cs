using System.Runtime.InteropServices;
using Bench.Launch.Sampling;

namespace Bench.Cli;

/// <summary>
/// Ctrl-C and SIGTERM for long commands: the first stops the work through <see cref="Token"/> (the command then
/// writes what it measured and stops its targets); the second kills every child process at once, runs the kill
/// hooks (containers are not Bench's children: their removal is a hook), and exits 130.
/// </summary>
public sealed class Interruption : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly PosixSignalRegistration _sigint;
    private readonly PosixSignalRegistration _sigterm;
    private static readonly TimeSpan KillHooksTimeout = TimeSpan.FromSeconds(5);

    private readonly TextWriter _stderr;
    private readonly string _stopping;
    private readonly List<Func<Task>> _killHooks = [];
    private int _signals;

    /// <param name="stopping">What the first signal stops, for its one line (a run's load, results and targets by default).</param>
    public Interruption(TextWriter stderr, string stopping = "stopping the load, writing results, stopping targets")
    {
        _stderr = stderr;
        _stopping = stopping;
        _sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        _sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
    }

    public CancellationToken Token => _stop.Token;

    public bool Requested => _stop.IsCancellationRequested;

    /// <summary>Adds work that must still happen when a second signal kills everything at once (bounded by a few seconds).</summary>
    public void OnKill(Func<Task> hook)
    {
        lock (_killHooks)
        {
            _killHooks.Add(hook);
        }
    }

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
            _stderr.WriteLine($"interrupted: {_stopping} (again to kill at once)");
            _stop.Cancel();
            return;
        }

        _ = KillAndExitAsync();
    }

    private async Task KillAndExitAsync()
    {
        // Its tree, and what left it (a broker's epmd daemonizes; init adopts it): every launch names this Bench in its environment.
        var children = ProcessTree.Of(Environment.ProcessId, ProcFs.System)
            .Concat(ProcessTree.Marked(Bench.Launch.TargetLaunch.OwnerMarker, Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), ProcFs.System))
            .Where(p => p.Pid != Environment.ProcessId).DistinctBy(p => p.Pid).ToArray();
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

        Func<Task>[] hooks;
        lock (_killHooks)
        {
            hooks = [.. _killHooks];
        }

        try
        {
            await Task.WhenAll(hooks.Select(h => h())).WaitAsync(KillHooksTimeout);
        }
        catch (Exception e)
        {
            await _stderr.WriteLineAsync($"while killing: {e.Message}");
        }

        Environment.Exit(ExitCodes.Interrupted);
    }
}
