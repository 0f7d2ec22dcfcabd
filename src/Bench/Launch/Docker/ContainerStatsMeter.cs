using Docker.DotNet;
using Docker.DotNet.Models;

namespace Bench.Launch.Docker;

/// <summary>
/// A container's CPU and memory over a window, from the engine's stats API: one reading when the window opens and
/// one when it closes (one-shot requests at the instants the load engine measures between, so the window's edges are
/// the engine's), the engine's stats stream in between for the peaks of memory and tasks. The stream is opened when
/// the meter is made, before the window, so the engine is already answering when the first reading is asked for.
/// CPU counts everything the container's cgroup ran, whichever process or thread.
/// </summary>
public sealed class ContainerStatsMeter : IAsyncDisposable
{
    private readonly DockerClient _client;
    private readonly string _id;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private static readonly TimeSpan StreamEndTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(10);

    private readonly Task _stream;
    private readonly long _memoryLimit;
    private StatsReading? _first;
    private bool _opened;
    private ulong _maxCpu;
    private long _peakMemory;
    private int _maxTasks;
    private int _samples;
    private ContainerUsage? _result;

    private ContainerStatsMeter(DockerClient client, string id, long memoryLimit)
    {
        _client = client;
        _id = id;
        _memoryLimit = memoryLimit;
        _stream = Task.Run(() => FollowAsync(_stop.Token));
    }

    /// <summary>Opens the stats stream now; the window opens with <see cref="OpenAsync"/>.</summary>
    public static ContainerStatsMeter Prepare(DockerClient client, string id, long memoryLimit) => new(client, id, memoryLimit);

    /// <summary>Opens the window with a one-shot reading now.</summary>
    public async Task OpenAsync(CancellationToken cancellationToken)
    {
        StatsReading? first = null;
        try
        {
            first = await ReadOnceAsync(_client, _id, cancellationToken);
        }
        catch (Exception e) when (e is DockerApiException or HttpRequestException or IOException)
        {
            // Gone or out of reach: the /proc side still measures; the engine's view reads as nothing.
        }

        lock (_gate)
        {
            _first = first ?? new StatsReading(0, 0, 0);
            _opened = true;
            Add(_first);
        }
    }

    /// <summary>Ends the window with one last reading; later calls return the same result.</summary>
    public async Task<ContainerUsage> StopAsync(CancellationToken cancellationToken)
    {
        StatsReading? last = null;
        if (IsOpen)
        {
            try
            {
                last = await ReadOnceAsync(_client, _id, cancellationToken);
            }
            catch (Exception e) when (e is DockerApiException or HttpRequestException or IOException)
            {
                // The container (or the engine) is gone: the stream's readings are what there is.
            }
        }

        await _stop.CancelAsync();
        await EndStreamAsync();
        lock (_gate)
        {
            if (_result is null)
            {
                if (last is not null)
                {
                    Add(last);
                }

                // CPU time only grows: the largest reading is the latest (a stopped container reads 0).
                ulong first = _first?.CpuNanoseconds ?? 0;
                double cpuSeconds = (_maxCpu - Math.Min(first, _maxCpu)) / 1e9;
                _result = new ContainerUsage(cpuSeconds, _peakMemory, _maxTasks, _memoryLimit, _samples);
            }

            return _result;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await EndStreamAsync();
        _stop.Dispose();
    }

    private bool IsOpen
    {
        get
        {
            lock (_gate)
            {
                return _opened;
            }
        }
    }

    /// <summary>
    /// Waits for the stats stream to end once cancelled, at most <see cref="StreamEndTimeout"/>: a cluster run saw a
    /// cancelled stream never end (its socket full of unread stats), which held a level, and the run, for good.
    /// </summary>
    private async Task EndStreamAsync()
    {
        try
        {
            await _stream.WaitAsync(StreamEndTimeout);
        }
        catch (TimeoutException)
        {
            // The readings so far, and the one-shot readings at both ends, are the window's.
        }
    }

    private static async Task<StatsReading?> ReadOnceAsync(DockerClient client, string id, CancellationToken cancellationToken)
    {
        // A one-shot reading takes about a second of the engine's time; never wait for one without end.
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(ReadTimeout);
        var reading = new LastReading();
        try
        {
            await client.Containers.GetContainerStatsAsync(id, new ContainerStatsParameters { Stream = false, OneShot = true }, reading, bounded.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null; // the engine did not answer in time: no reading at this end
        }

        return reading.Value;
    }

    private async Task FollowAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _client.Containers.GetContainerStatsAsync(_id, new ContainerStatsParameters { Stream = true }, new Sink(this), cancellationToken);
        }
        catch (Exception e) when (e is OperationCanceledException or DockerApiException or IOException or HttpRequestException)
        {
            // Stopped, or the container went away: the one-shot readings bound the window anyway.
        }
    }

    /// <summary>A stream reading counts only inside the window (the warm-up's peaks are not the level's).</summary>
    private void AddStreamed(StatsReading reading)
    {
        lock (_gate)
        {
            if (_opened && _result is null && !_stop.IsCancellationRequested)
            {
                Add(reading);
            }
        }
    }

    private void Add(StatsReading reading)
    {
        lock (_gate)
        {
            _maxCpu = Math.Max(_maxCpu, reading.CpuNanoseconds);
            _peakMemory = Math.Max(_peakMemory, reading.MemoryBytes);
            _maxTasks = Math.Max(_maxTasks, reading.Tasks);
            _samples++;
        }
    }

    /// <summary>Synchronous, unlike Progress&lt;T&gt;, so a reading is in before the request's task completes.</summary>
    private sealed class LastReading : IProgress<ContainerStatsResponse>
    {
        public StatsReading? Value { get; private set; }

        public void Report(ContainerStatsResponse value) => Value = StatsReading.From(value);
    }

    private sealed class Sink(ContainerStatsMeter meter) : IProgress<ContainerStatsResponse>
    {
        public void Report(ContainerStatsResponse value) => meter.AddStreamed(StatsReading.From(value));
    }
}
