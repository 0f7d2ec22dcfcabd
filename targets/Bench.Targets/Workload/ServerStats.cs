using System.Collections.Concurrent;
using System.Text.Json;
using Bench.Servers.Http;

namespace Bench.Servers.Workload;

/// <summary>
/// What /info reports: counters updated by every model. Handler threads are recorded once per
/// thread (a thread-static marker), so the hot path costs one comparison.
/// </summary>
public sealed class ServerStats(string model)
{
    [ThreadStatic]
    private static ServerStats? s_registeredWith;

    private readonly ConcurrentDictionary<int, byte> _handlerThreads = new();
    private long _openConnections;
    private long _requestsServed;

    public string Model { get; } = model;

    public long OpenConnections => Interlocked.Read(ref _openConnections);

    public long RequestsServed => Interlocked.Read(ref _requestsServed);

    public int HandlerThreads => _handlerThreads.Count;

    public void ConnectionOpened() => Interlocked.Increment(ref _openConnections);

    public void ConnectionClosed() => Interlocked.Decrement(ref _openConnections);

    /// <summary>Called on the thread that handles a request, before its work runs.</summary>
    public void RequestStarted()
    {
        Interlocked.Increment(ref _requestsServed);
        if (!ReferenceEquals(s_registeredWith, this))
        {
            s_registeredWith = this;
            _handlerThreads.TryAdd(Environment.CurrentManagedThreadId, 0);
        }
    }

    public Response Info()
    {
        var info = new InfoSnapshot(Model, Environment.ProcessId, OsThreadCount(), OpenConnections, RequestsServed, HandlerThreads);
        return new Response(200, JsonSerializer.SerializeToUtf8Bytes(info, InfoJsonContext.Default.InfoSnapshot), IsJson: true);
    }

    /// <summary>Kernel threads of this process now (managed and native alike).</summary>
    public static int OsThreadCount()
    {
        try
        {
            return Directory.GetDirectories("/proc/self/task").Length;
        }
        catch (IOException)
        {
            return System.Diagnostics.Process.GetCurrentProcess().Threads.Count;
        }
    }
}
