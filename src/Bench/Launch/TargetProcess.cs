using System.Diagnostics;
using Bench.Launch.Cgroups;
using Bench.Launch.Sampling;

namespace Bench.Launch;

/// <summary>
/// One running target: started from an argument array (pinned to cores when asked), ready when its readiness
/// says so, stopped with SIGTERM and killed (with its whole tree, and any child that outlived it) when it does
/// not exit in time. The one child-process helper every command and test uses, so nothing is ever left running.
/// </summary>
public sealed class TargetProcess : IRunningTarget
{
    private readonly Process _process;
    private readonly ReadinessSignal _ready;
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _stderrClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly OutputTail _stderr = new();
    private TargetCgroups? _cgroups;
    private string? _dir;

    private TargetProcess(TargetDefinition definition, Process process, int plannedPort, CpuSet? cpus, string? dir)
    {
        _dir = dir;
        Definition = definition;
        _process = process;
        _ready = new ReadinessSignal(definition, plannedPort);
        Cpus = cpus;
    }

    public TargetDefinition Definition { get; }

    public int Pid => _process.Id;

    public int Port { get; private set; }

    /// <summary>The cores it was pinned to at launch, for the results; null when unpinned.</summary>
    public CpuSet? Cpus { get; }

    public bool HasExited => _process.HasExited;

    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    public Task<TargetExit?> CheckExitAsync(CancellationToken cancellationToken) => Task.FromResult(Exit());

    /// <summary>Samples the whole process tree from /proc (children it starts included).</summary>
    public Task<IResourceMeter> PrepareMeterAsync(TimeProvider timeProvider, CancellationToken cancellationToken) =>
        Task.FromResult<IResourceMeter>(ResourceSampler.Prepare(Pid, timeProvider: timeProvider));

    public string StderrTail => _stderr.ToString();

    /// <summary>Its own folder ({dir}) while it runs; null when it uses none or once it is removed.</summary>
    public string? Dir => _dir;

    /// <summary>Starts the target unpinned and waits until it is ready.</summary>
    public static Task<TargetProcess> StartAsync(TargetDefinition definition, TimeSpan readyTimeout, CancellationToken cancellationToken) =>
        StartAsync(definition, new TargetLaunchOptions { ReadyTimeout = readyTimeout }, cancellationToken);

    /// <summary>Starts the target as <paramref name="options"/> say and waits until it is ready; a failure names it and quotes its stderr.</summary>
    public static async Task<TargetProcess> StartAsync(TargetDefinition definition, TargetLaunchOptions options, CancellationToken cancellationToken)
    {
        var launch = TargetLaunch.Plan(definition, options);
        Process process;
        try
        {
            process = Process.Start(launch.StartInfo) ?? throw new TargetStartException(definition.Name, "the process did not start", "");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            TargetLaunch.RemoveDir(launch.Dir);
            throw new TargetStartException(definition.Name, $"cannot run '{launch.StartInfo.FileName}': {e.Message}", "");
        }

        var target = new TargetProcess(definition, process, launch.PlannedPort, options.Cpus, launch.Dir);
        // Wired first: stopping a target whose cgroup could not be set up waits for its exit event.
        process.OutputDataReceived += (_, e) => target.OnStdout(e.Data);
        process.ErrorDataReceived += (_, e) => target.OnStderr(e.Data);
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) =>
        {
            target._exited.TrySetResult();
            _ = target.FailReadinessAfterExitAsync();
        };
        if (process.HasExited)
        {
            target._exited.TrySetResult();
        }

        try
        {
            // Moved right after start: the runtime's start-up threads move with it (cgroup.procs moves every thread).
            if (options.CpuQuota is not null || options.MemoryLimitBytes is not null)
            {
                target._cgroups = TargetCgroups.Create(CgroupHost.System, options.CpuQuota, options.MemoryLimitBytes);
                target._cgroups.Add(process.Id);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A target that already exited cannot be moved ("no such process", maybe before .NET has reaped it):
            // then its readiness failure below says why it exited.
            await Task.WhenAny(target._exited.Task, Task.Delay(500, cancellationToken));
            if (!process.HasExited)
            {
                await target.DisposeAsync();
                throw new TargetStartException(definition.Name, $"cannot put it under its CPU quota or memory limit: {e.Message}", "");
            }
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var probing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        target._ready.StartProbing(options.ProbeInterval, probing.Token);
        try
        {
            target.Port = await target._ready.Port.WaitAsync(options.ReadyTimeout, cancellationToken);
            return target;
        }
        catch (TimeoutException)
        {
            await target.DisposeAsync();
            throw new TargetStartException(definition.Name, $"not ready within {options.ReadyTimeout.TotalSeconds:0.#} s", target.StderrTail);
        }
        catch
        {
            await target.DisposeAsync();
            throw;
        }
        finally
        {
            await probing.CancelAsync();
        }
    }

    /// <summary>
    /// SIGTERM, then a kill of the whole tree if it has not exited within <paramref name="grace"/>; any
    /// descendant still alive after that (reparented when its parent exited) is killed too.
    /// </summary>
    public async Task<int> StopAsync(TimeSpan grace)
    {
        if (!_process.HasExited)
        {
            var descendants = ProcessTree.Of(_process.Id, ProcFs.System).Skip(1).ToArray();
            _ = NativeMethods.Kill(_process.Id, NativeMethods.SIGTERM);
            // Not WaitForExitAsync: it also waits for stdout to close, which an orphaned child holding the pipe never does.
            try
            {
                await _exited.Task.WaitAsync(grace);
            }
            catch (TimeoutException)
            {
                _process.Kill(entireProcessTree: true);
                await _exited.Task;
            }

            await ProcessTree.KillSurvivorsAsync(descendants, ProcFs.System, grace);
        }

        if (_dir is not null)
        {
            // Also when the target itself had exited already: a daemon it started (RabbitMQ's epmd) outlives it.
            await ProcessTree.KillSurvivorsAsync(ProcessTree.Marked(TargetLaunch.LaunchMarker, _dir, ProcFs.System), ProcFs.System, grace);
        }

        _cgroups?.Dispose();
        _cgroups = null;
        // Removed once nothing of the target runs: a config, pid file or log it wrote is its own, not the run's.
        TargetLaunch.RemoveDir(_dir);
        _dir = null;
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
        // Not WaitForExitAsync: when the process exits before the stream reading began, it does not wait for the
        // streams, and the error would lose the very lines that explain it. The end of stderr is the signal.
        try
        {
            await _stderrClosed.Task.WaitAsync(TimeSpan.FromSeconds(2));
        }
        catch (TimeoutException)
        {
            // A grandchild holds the pipe open: report what we have.
        }

        string how = Exit()?.Description ?? $"exited with code {SafeExitCode(_process)}";
        _ready.Fail(new TargetStartException(Definition.Name, $"{how} before it was ready", StderrTail));
    }

    /// <summary>Null while it runs; a SIGKILL while its memory cgroup counted an OOM kill is a kill for memory.</summary>
    private TargetExit? Exit()
    {
        if (ExitCode is not { } code)
        {
            return null;
        }

        return _cgroups is { OomKills: > 0 } cgroups && code == 128 + 9 ? TargetExit.KilledForMemory(code, cgroups.MemoryLimitBytes) : TargetExit.WithCode(code);
    }

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
        if (line is not null)
        {
            _ready.OnStdout(line);
        }
    }

    private void OnStderr(string? line)
    {
        if (line is null)
        {
            _stderrClosed.TrySetResult();
            return;
        }

        _stderr.Add(line);
    }
}
