using System.Threading.Tasks.Sources;
using BenchmarkDotNet.Attributes;

namespace Bench.Micro;

/// <summary>
/// An await resumed through a reusable IValueTaskSource (ManualResetValueTaskSourceCore, as .NET's sockets complete
/// their awaitable operations): the async method awaits a ValueTask, this thread completes the source, the continuation
/// runs inline, the source is reset for the next await. Nothing is allocated per await, unlike a Task.
/// One op is one suspension and resumption.
/// </summary>
[MemoryDiagnoser]
public class ValueTaskCompletion
{
    public const int Steps = 1000;

    [Benchmark(OperationsPerInvoke = Steps)]
    [OneOp("one await of a ValueTask on a reused ManualResetValueTaskSourceCore, completed by SetResult and resumed inline")]
    public int CompletedInline()
    {
        var signal = new Signal();
        var running = WaitAllAsync(signal);
        int resumed = 0;
        while (signal.Waiting)
        {
            signal.Complete();
            resumed++;
        }

        running.GetAwaiter().GetResult(); // already complete
        return resumed;
    }

    private static async Task WaitAllAsync(Signal signal)
    {
        for (int i = 0; i < Steps; i++)
        {
            await signal.WaitAsync();
        }
    }

    private sealed class Signal : IValueTaskSource
    {
        private ManualResetValueTaskSourceCore<bool> _core; // a mutable struct: a field, never a copy

        public bool Waiting { get; private set; }

        public ValueTask WaitAsync()
        {
            Waiting = true;
            return new ValueTask(this, _core.Version);
        }

        public void Complete()
        {
            Waiting = false;
            _core.SetResult(true);
        }

        public void GetResult(short token)
        {
            _core.GetResult(token);
            _core.Reset();
        }

        public ValueTaskSourceStatus GetStatus(short token) => _core.GetStatus(token);

        public void OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
            _core.OnCompleted(continuation, state, token, flags);
    }
}
