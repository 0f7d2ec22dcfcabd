using System.Runtime.InteropServices;
using Bench.Launch.Sampling;

namespace Bench.Cli;

/// <summary>
/// Ctrl-C and SIGTERM, owned once per process: the first stops the work through <see cref="Token"/> (the command
/// then writes what it measured and stops its targets); the second kills every child process at once, runs the kill
/// hooks (containers are not Bench's children: their removal is a hook), and exits 130.
/// </summary>
/// <remarks>
/// One owner, because .NET calls every registration of a signal: a second handler (System.CommandLine's, which is
/// therefore switched off) would run after this one on every signal and could end the process with its own exit code
/// while the command is still stopping.
/// </remarks>
public sealed class Interruption : IDisposable
{
    private const string DefaultStopping = "stopping";
    public const string RunStopping = "stopping the load, writing results, stopping targets";
    private static readonly TimeSpan KillHooksTimeout = TimeSpan.FromSeconds(5);

    private readonly CancellationTokenSource _stop = new();
    private readonly PosixSignalRegistration[] _signals;
    private readonly TextWriter _stderr;
    private readonly Action<int> _exit;
    private readonly List<Func<Task>> _killHooks = [];
    private int _requests;

    private Interruption(TextWriter stderr, bool signals, Action<int> exit)
    {
        _stderr = stderr;
        _exit = exit;
        _signals = signals ? [PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal), PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal)] : [];
    }

    /// <summary>What the first signal stops, for its one line ("stopping the agent and the shares it runs"); set by the command that runs.</summary>
    public string Stopping { get; set; } = DefaultStopping;

    public CancellationToken Token => _stop.Token;

    /// <summary>Handles SIGINT and SIGTERM for this process until disposed.</summary>
    public static Interruption OnSignals(TextWriter stderr) => new(stderr, signals: true, Environment.Exit);

    /// <summary>Stops only through <see cref="Request"/> (a second one runs the kill hooks, then <paramref name="exit"/>): for tests, and for a program that handles signals itself.</summary>
    public static Interruption OnRequest(TextWriter stderr, Action<int> exit) => new(stderr, signals: false, exit);

    /// <summary>Adds work that must still happen when a second signal kills everything at once (bounded by a few seconds).</summary>
    public void OnKill(Func<Task> hook)
    {
        lock (_killHooks)
        {
            _killHooks.Add(hook);
        }
    }

    /// <summary>What a signal does: the first stops the work, the second kills at once and exits 130.</summary>
    public void Request()
    {
        if (Interlocked.Increment(ref _requests) == 1)
        {
            _stderr.WriteLine($"interrupted: {Stopping} (again to kill at once)");
            _stop.Cancel();
            return;
        }

        _ = KillAndExitAsync();
    }

    public void Dispose()
    {
        foreach (var signal in _signals)
        {
            signal.Dispose();
        }

        _stop.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true;
        Request();
    }

    private async Task KillAndExitAsync()
    {
        if (_signals.Length > 0)
        {
            KillChildren();
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

        _exit(ExitCodes.Interrupted);
    }

    /// <summary>Only for the process whose signals this owns: inside a test host, its children are other tests' work.</summary>
    private static void KillChildren()
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
    }
}
