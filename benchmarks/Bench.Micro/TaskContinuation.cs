using BenchmarkDotNet.Attributes;

namespace Bench.Micro;

/// <summary>
/// What resuming an awaiting async method costs when the awaited thing is a Task: <see cref="CompletedInline"/> awaits
/// a TaskCompletionSource's task that this thread then completes, so the continuation runs inline (the `eventloop`
/// shape, but with a new Task each time); <see cref="YieldToThreadPool"/> awaits Task.Yield(), so each continuation is
/// queued to the thread pool and run by a pool thread (the `async` model's hop from the epoll thread to the pool).
/// One op is one suspension and resumption.
/// </summary>
[MemoryDiagnoser]
public class TaskContinuation
{
    public const int Steps = 1000;

    [Benchmark(Baseline = true, OperationsPerInvoke = Steps)]
    [OneOp("one await of a Task completed by TaskCompletionSource.SetResult, resumed inline (a new TaskCompletionSource each)")]
    public int CompletedInline()
    {
        var waiter = new Waiter();
        var running = waiter.RunAsync();
        int resumed = 0;
        while (waiter.TryComplete())
        {
            resumed++;
        }

        running.GetAwaiter().GetResult(); // already complete: the last SetResult ran it to the end
        return resumed;
    }

    [Benchmark(OperationsPerInvoke = Steps)]
    [OneOp("one await Task.Yield(): the continuation queued to the thread pool and run by a pool thread")]
    public async Task YieldToThreadPool()
    {
        for (int i = 0; i < Steps; i++)
        {
            await Task.Yield();
        }
    }

    private sealed class Waiter
    {
        private TaskCompletionSource? _pending;

        public async Task RunAsync()
        {
            for (int i = 0; i < Steps; i++)
            {
                _pending = new TaskCompletionSource();
                await _pending.Task;
            }
        }

        public bool TryComplete()
        {
            if (_pending is not { } pending)
            {
                return false;
            }

            _pending = null;
            pending.SetResult();
            return true;
        }
    }
}
