namespace Bench.Targets.Sampling;

/// <summary>
/// Samples a process tree from /proc every <see cref="DefaultPeriod"/> (or the period given) from
/// <see cref="Start"/> until <see cref="StopAsync"/>, which takes one last sample so the window ends exactly
/// when the caller says. One sampler per level: start it when measuring starts, stop it when measuring stops.
/// </summary>
public sealed class ResourceSampler : IResourceMeter
{
    public static readonly TimeSpan DefaultPeriod = TimeSpan.FromMilliseconds(250);

    private readonly int _rootPid;
    private readonly ProcFs _procFs;
    private readonly TimeProvider _time;
    private readonly long _startedAt;
    private readonly UsageAccumulator _usage;
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly PeriodicTimer _timer;
    private readonly Task _loop;
    private ResourceUsage? _result;

    private ResourceSampler(int rootPid, TimeSpan period, TimeProvider time, ProcFs procFs)
    {
        _rootPid = rootPid;
        _procFs = procFs;
        _time = time;
        _startedAt = time.GetTimestamp();
        _usage = new UsageAccumulator(TreeSample.Take(rootPid, procFs), ClockTicks.PerSecond);
        // Created here, not in the loop, so the period counts from Start whenever the loop gets a thread.
        _timer = new PeriodicTimer(period, time);
        _loop = Task.Run(() => LoopAsync(_stop.Token));
    }

    /// <summary>Samples taken so far, the first one included.</summary>
    public int Samples
    {
        get
        {
            lock (_gate)
            {
                return _usage.Samples;
            }
        }
    }

    /// <summary>Takes the first sample now and keeps sampling in the background.</summary>
    public static ResourceSampler Start(int rootPid, TimeSpan? period = null, TimeProvider? timeProvider = null, ProcFs? procFs = null)
    {
        var every = period ?? DefaultPeriod;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(every, TimeSpan.Zero, nameof(period));
        return new ResourceSampler(rootPid, every, timeProvider ?? TimeProvider.System, procFs ?? ProcFs.System);
    }

    /// <summary>The usage so far, without stopping.</summary>
    public ResourceUsage Current()
    {
        lock (_gate)
        {
            return _result ?? _usage.Result(_time.GetElapsedTime(_startedAt));
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
                _usage.Add(TreeSample.Take(_rootPid, _procFs));
                _result = _usage.Result(_time.GetElapsedTime(_startedAt));
            }

            return _result;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _timer.Dispose();
        _stop.Dispose();
    }

    private async Task LoopAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (await _timer.WaitForNextTickAsync(cancellationToken))
            {
                var sample = TreeSample.Take(_rootPid, _procFs);
                lock (_gate)
                {
                    _usage.Add(sample);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped: the final sample is StopAsync's.
        }
    }
}
