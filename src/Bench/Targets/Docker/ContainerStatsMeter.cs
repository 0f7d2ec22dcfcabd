using Docker.DotNet;
using Docker.DotNet.Models;

namespace Bench.Targets.Docker;

/// <summary>
/// A container's CPU and memory over a window, from the engine's stats API: one reading when the window opens and
/// one when it closes (one-shot requests, so the window's edges are exact), the engine's stats stream in between for
/// the peaks of memory and tasks. CPU counts everything the container's cgroup ran, whichever process or thread.
/// </summary>
public sealed class ContainerStatsMeter : IAsyncDisposable
{
    private readonly DockerClient _client;
    private readonly string _id;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private readonly StatsReading _first;
    private readonly Task _stream;
    private ulong _maxCpu;
    private long _peakMemory;
    private int _maxTasks;
    private int _samples;
    private readonly long _memoryLimit;
    private ContainerUsage? _result;

    private ContainerStatsMeter(DockerClient client, string id, long memoryLimit, StatsReading first)
    {
        _client = client;
        _id = id;
        _memoryLimit = memoryLimit;
        _first = first;
        Add(first);
        _stream = Task.Run(() => FollowAsync(_stop.Token));
    }

    public static async Task<ContainerStatsMeter> StartAsync(DockerClient client, string id, long memoryLimit, CancellationToken cancellationToken)
    {
        StatsReading? first = null;
        try
        {
            first = await ReadOnceAsync(client, id, cancellationToken);
        }
        catch (Exception e) when (e is DockerApiException or HttpRequestException or IOException)
        {
            // Gone or out of reach: the /proc side still measures; the engine's view reads as nothing.
        }

        first ??= new StatsReading(0, 0, 0);
        return new ContainerStatsMeter(client, id, memoryLimit, first);
    }

    /// <summary>Ends the window with one last reading; later calls return the same result.</summary>
    public async Task<ContainerUsage> StopAsync(CancellationToken cancellationToken)
    {
        await _stop.CancelAsync();
        await _stream;
        StatsReading? last = null;
        try
        {
            last = await ReadOnceAsync(_client, _id, cancellationToken);
        }
        catch (Exception e) when (e is DockerApiException or HttpRequestException or IOException)
        {
            // The container (or the engine) is gone: the stream's readings are what there is.
        }

        lock (_gate)
        {
            if (_result is null)
            {
                if (last is not null)
                {
                    Add(last);
                }

                // CPU time only grows: the largest reading is the latest (a stopped container reads 0).
                double cpuSeconds = (_maxCpu - Math.Min(_first.CpuNanoseconds, _maxCpu)) / 1e9;
                _result = new ContainerUsage(cpuSeconds, _peakMemory, _maxTasks, _memoryLimit, _samples);
            }

            return _result;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _stream;
        _stop.Dispose();
    }

    private static async Task<StatsReading?> ReadOnceAsync(DockerClient client, string id, CancellationToken cancellationToken)
    {
        var reading = new LastReading();
        await client.Containers.GetContainerStatsAsync(id, new ContainerStatsParameters { Stream = false, OneShot = true }, reading, cancellationToken);
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
        public void Report(ContainerStatsResponse value)
        {
            if (!meter._stop.IsCancellationRequested)
            {
                meter.Add(StatsReading.From(value));
            }
        }
    }
}
