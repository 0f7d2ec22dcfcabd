using BenchmarkDotNet.Attributes;

namespace Bench.Micro;

/// <summary>
/// Starting concurrent work and learning it finished: a new OS thread started and joined (what `threads` does per
/// connection, and per request with Connection: close) against Task.Run on the thread pool, awaited. The work itself
/// is empty. One op is one start and one completion observed by the caller.
/// </summary>
[MemoryDiagnoser]
public class ThreadStartJoin
{
    private static readonly ThreadStart Nothing = static () => { };
    private static readonly Action NothingAction = static () => { };

    [Benchmark(Baseline = true)]
    [OneOp("one new Thread started and joined (an empty body)")]
    public void NewThread()
    {
        var thread = new Thread(Nothing);
        thread.Start();
        thread.Join();
    }

    [Benchmark]
    [OneOp("one Task.Run of an empty body on the thread pool, awaited")]
    public Task TaskRun() => Task.Run(NothingAction);
}
