using System.Runtime.CompilerServices;
using BenchmarkDotNet.Attributes;
using Bench.Servers.Models;

namespace Bench.Micro;

/// <summary>
/// What one suspension and resumption costs in each of the reactor's three styles, without the sockets: a callback
/// (a cached delegate called with its state, as Reactor.Soon and After call it), a generator step (MoveNext on an
/// iterator yielding <see cref="Suspend"/>, as GeneratorConnection's driver does), and an await resumed by calling
/// its stored continuation (the shape of ReactorAwaitable: a reusable class awaiter, ICriticalNotifyCompletion).
/// Each benchmark resumes <see cref="Switches"/> times.
/// </summary>
[MemoryDiagnoser]
public class SuspendResume
{
    public const int Switches = 1000;

    private static readonly Action<object> Callback = static s => ((Counter)s).Step();
    private readonly Counter _counter = new();

    [Benchmark(Baseline = true, OperationsPerInvoke = Switches)]
    [OneOp("one resumption as a callback: a cached Action<object> called with its state (the reactor's Soon and After)")]
    public int Callbacks()
    {
        var counter = _counter;
        counter.Reset();
        for (int i = 0; i < Switches; i++)
        {
            Callback(counter);
        }

        return counter.Steps;
    }

    [Benchmark(OperationsPerInvoke = Switches)]
    [OneOp("one resumption as a generator step: MoveNext on an iterator yielding Suspend (GeneratorConnection's driver)")]
    public int Generators()
    {
        var coroutine = Coroutine(_counter).GetEnumerator();
        int resumed = 0;
        while (coroutine.MoveNext())
        {
            resumed++;
        }

        return resumed;
    }

    [Benchmark(OperationsPerInvoke = Switches)]
    [OneOp("one resumption as an await: a stored continuation of a reusable class awaiter called (ReactorAwaitable's shape)")]
    public int Awaits()
    {
        var loop = new ManualAwaitable();
        var task = AwaitingAsync(loop, _counter);
        int resumed = 0;
        while (loop.TryResume())
        {
            resumed++;
        }

        task.GetAwaiter().GetResult();
        return resumed;
    }

    private static IEnumerable<Suspend> Coroutine(Counter counter)
    {
        counter.Reset();
        for (int i = 0; i < Switches; i++)
        {
            counter.Step();
            yield return Suspend.Turn;
        }
    }

    private static async Task AwaitingAsync(ManualAwaitable loop, Counter counter)
    {
        counter.Reset();
        for (int i = 0; i < Switches; i++)
        {
            counter.Step();
            await loop;
        }
    }

    private sealed class Counter
    {
        public int Steps { get; private set; }

        [MethodImpl(MethodImplOptions.NoInlining)]
        public void Step() => Steps++;

        public void Reset() => Steps = 0;
    }

    /// <summary>ReactorAwaitable's shape: the continuation is stored and called by whoever runs the loop.</summary>
    private sealed class ManualAwaitable : ICriticalNotifyCompletion
    {
        private Action? _continuation;

        public bool IsCompleted => false;

        public ManualAwaitable GetAwaiter() => this;

        public void GetResult()
        {
        }

        public void OnCompleted(Action continuation) => _continuation = continuation;

        public void UnsafeOnCompleted(Action continuation) => _continuation = continuation;

        public bool TryResume()
        {
            if (_continuation is not { } next)
            {
                return false;
            }

            _continuation = null;
            next();
            return true;
        }
    }
}
