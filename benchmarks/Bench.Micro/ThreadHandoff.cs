using System.Diagnostics.CodeAnalysis;
using BenchmarkDotNet.Attributes;

namespace Bench.Micro;

/// <summary>
/// A hand-off between two threads: this thread wakes a partner thread blocked on a signal and blocks until the partner
/// wakes it back (a ping-pong). One op is one hand-off, one direction, so a round trip is two ops. The thread-per-connection
/// and pool models pay this whenever a request's wait ends and its thread must be woken.
/// <see cref="SpinThenBlock"/> uses SemaphoreSlim, which spins a little before blocking (what .NET's primitives do);
/// <see cref="Blocking"/> uses AutoResetEvent, which never spins: a futex wake and a sleeping thread scheduled in.
/// </summary>
[MemoryDiagnoser]
[SuppressMessage("Design", "CA1001", Justification = "The signals live as long as the benchmark process; the partner thread is what GlobalCleanup stops.")]
public class ThreadHandoff
{
    public const int RoundTrips = 200;

    private readonly SemaphoreSlim _pingSlim = new(0);
    private readonly SemaphoreSlim _pongSlim = new(0);
    private readonly AutoResetEvent _ping = new(false);
    private readonly AutoResetEvent _pong = new(false);
    private Thread? _partner;
    private volatile bool _stopping;

    [GlobalSetup(Target = nameof(SpinThenBlock))]
    public void StartSlimPartner() => Start(() =>
    {
        while (true)
        {
            _pingSlim.Wait();
            if (_stopping)
            {
                return;
            }

            _pongSlim.Release();
        }
    });

    [GlobalSetup(Target = nameof(Blocking))]
    public void StartEventPartner() => Start(() =>
    {
        while (true)
        {
            _ping.WaitOne();
            if (_stopping)
            {
                return;
            }

            _pong.Set();
        }
    });

    [GlobalCleanup]
    public void StopPartner()
    {
        _stopping = true;
        _pingSlim.Release();
        _ping.Set();
        _partner?.Join();
        _partner = null;
        _stopping = false;
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = 2 * RoundTrips)]
    [OneOp("one thread hand-off with SemaphoreSlim (Release, the other thread's Wait returns; spins before it blocks)")]
    public void SpinThenBlock()
    {
        for (int i = 0; i < RoundTrips; i++)
        {
            _pingSlim.Release();
            _pongSlim.Wait();
        }
    }

    [Benchmark(OperationsPerInvoke = 2 * RoundTrips)]
    [OneOp("one thread hand-off with AutoResetEvent (Set wakes a blocked thread: a futex wake and a context switch in)")]
    public void Blocking()
    {
        for (int i = 0; i < RoundTrips; i++)
        {
            _ping.Set();
            _pong.WaitOne();
        }
    }

    private void Start(Action partner)
    {
        _partner = new Thread(() => partner()) { IsBackground = true, Name = "handoff partner" };
        _partner.Start();
    }
}
