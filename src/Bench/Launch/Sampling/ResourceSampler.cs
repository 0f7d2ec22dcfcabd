using Bench.Load.Platform;

namespace Bench.Launch.Sampling;

/// <summary>
/// Samples a process tree from /proc every <see cref="DefaultPeriod"/> (or the period given) from <see cref="Open"/>
/// until <see cref="StopAsync"/>, which takes one last sample so the window ends exactly when the caller says. One
/// sampler per level: open it when measuring starts, stop it when measuring stops. The CPU its own scans cost this
/// process is counted apart (<see cref="OwnCpu"/>), so it is not charged to the load generator beside it.
/// </summary>
public sealed class ResourceSampler : IResourceMeter
{
    public static readonly TimeSpan DefaultPeriod = TimeSpan.FromMilliseconds(250);

    private readonly int _rootPid;
    private readonly TimeSpan _period;
    private readonly ProcFs _procFs;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private long _openedAt;
    private UsageAccumulator? _usage;
    private PeriodicTimer? _timer;
    private Task _loop = Task.CompletedTask;
    private TimeSpan _ownCpu;
    private ResourceUsage? _result;

    private ResourceSampler(int rootPid, TimeSpan period, TimeProvider time, ProcFs procFs)
    {
        _rootPid = rootPid;
        _period = period;
        _procFs = procFs;
        _time = time;
    }

    /// <summary>Samples taken so far, the first one included.</summary>
    public int Samples
    {
        get
        {
            lock (_gate)
            {
                return _usage?.Samples ?? 0;
            }
        }
    }

    public TimeSpan OwnCpu
    {
        get
        {
            lock (_gate)
            {
                return _ownCpu;
            }
        }
    }

    /// <summary>A sampler that has not sampled yet: <see cref="Open"/> takes the first sample.</summary>
    public static ResourceSampler Prepare(int rootPid, TimeSpan? period = null, TimeProvider? timeProvider = null, ProcFs? procFs = null)
    {
        var every = period ?? DefaultPeriod;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(every, TimeSpan.Zero, nameof(period));
        return new ResourceSampler(rootPid, every, timeProvider ?? TimeProvider.System, procFs ?? ProcFs.System);
    }

    /// <summary>Takes the first sample now and keeps sampling in the background.</summary>
    public static ResourceSampler Start(int rootPid, TimeSpan? period = null, TimeProvider? timeProvider = null, ProcFs? procFs = null)
    {
        var sampler = Prepare(rootPid, period, timeProvider, procFs);
        sampler.Open();
        return sampler;
    }

    /// <summary>Opens the window: the first sample now, then one every period. A second call does nothing.</summary>
    public void Open()
    {
        lock (_gate)
        {
            if (_usage is not null || _result is not null)
            {
                return;
            }

            _openedAt = _time.GetTimestamp();
            _usage = new UsageAccumulator(Take(), ClockTicks.PerSecond);
            // Created here, not in the loop, so the period counts from the opening whenever the loop gets a thread.
            _timer = new PeriodicTimer(_period, _time);
            _loop = Task.Run(() => LoopAsync(_timer, _stop.Token));
        }
    }

    public Task OpenAsync(CancellationToken cancellationToken)
    {
        Open();
        return Task.CompletedTask;
    }

    /// <summary>The usage so far, without stopping.</summary>
    public ResourceUsage Current()
    {
        lock (_gate)
        {
            return _result ?? _usage?.Result(_time.GetElapsedTime(_openedAt)) ?? ResourceUsage.None;
        }
    }

    /// <summary>Stops sampling after one last sample; later calls return the same result.</summary>
    public async Task<ResourceUsage> StopAsync(CancellationToken cancellationToken)
    {
        await _stop.CancelAsync();
        await _loop.WaitAsync(cancellationToken);
        lock (_gate)
        {
            if (_result is null)
            {
                if (_usage is { } usage)
                {
                    usage.Add(Take());
                    _result = usage.Result(_time.GetElapsedTime(_openedAt));
                }
                else
                {
                    _result = ResourceUsage.None; // never opened: the run ended before its window
                }
            }

            return _result;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _timer?.Dispose();
        _stop.Dispose();
    }

    /// <summary>One sample, its thread CPU added to <see cref="OwnCpu"/>; called under the lock.</summary>
    private TreeSample Take()
    {
        var before = CpuTime.CurrentThread();
        var sample = TreeSample.Take(_rootPid, _procFs);
        _ownCpu += CpuTime.CurrentThread() - before;
        return sample;
    }

    private async Task LoopAsync(PeriodicTimer timer, CancellationToken cancellationToken)
    {
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                lock (_gate)
                {
                    _usage!.Add(Take());
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped: the final sample is StopAsync's.
        }
    }
}
