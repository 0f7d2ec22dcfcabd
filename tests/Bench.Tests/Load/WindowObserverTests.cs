using System.Diagnostics;
using Bench.Load;
using Bench.Tests.Support;

namespace Bench.Tests.Load;

/// <summary>
/// The engine tells an observer when its measured window opens and closes; what the observer spends is not the
/// generator's. Alone (the generator's CPU is the whole test process's: a test beside it would count too).
/// </summary>
[Collection(nameof(WindowObserverTests))]
[CollectionDefinition(nameof(WindowObserverTests), DisableParallelization = true)]
public sealed class WindowObserverTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static LoadOptions At(int port, string path) => new()
    {
        Url = new Uri($"http://127.0.0.1:{port}{path}"),
        Connections = 2,
        Warmup = TimeSpan.FromMilliseconds(300),
        Duration = TimeSpan.FromMilliseconds(700),
    };

    [Fact]
    public async Task The_observer_hears_the_window_open_and_close_at_the_instants_the_engine_measures_between()
    {
        await using var server = await RunningTarget.StartAsync("async");
        var observer = new Recorder();

        var result = await new LoadEngine().RunAsync(At(server.Port, "/io?ms=5"), null, observer, Ct);

        // The instants are the engine's own: their distance is the measured window, to the tick.
        Assert.Equal(result.Duration.TotalSeconds, Seconds(observer.Closed - observer.Opened), 4);
        // Called at or after each instant (never early), and soon after it: a timer on the thread pool, not a guess.
        Assert.InRange(Seconds(observer.OpenCalled - observer.Opened), 0, 0.25);
        Assert.InRange(Seconds(observer.CloseCalled - observer.Closed), 0, 0.25);
        Assert.True(result.Requests > 0);
    }

    [Fact]
    public async Task A_run_cancelled_during_its_warm_up_never_opens_the_window()
    {
        await using var server = await RunningTarget.StartAsync("async");
        var observer = new Recorder();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        cancel.CancelAfter(TimeSpan.FromMilliseconds(50));

        await new LoadEngine().RunAsync(At(server.Port, "/hello") with { Warmup = TimeSpan.FromSeconds(5) }, null, observer, cancel.Token);

        Assert.Equal(0, observer.Opened);
        Assert.Equal(0, observer.Closed);
    }

    [Fact]
    public async Task The_cpu_the_observer_spends_is_left_out_of_the_generators_and_does_not_saturate_it()
    {
        await using var server = await RunningTarget.StartAsync("async");
        // A second of CPU in the generator's process during a 0.7 s window: as a sampler gone mad would spend.
        var observer = new Recorder { BurnOnOpen = TimeSpan.FromSeconds(1) };

        var result = await new LoadEngine().RunAsync(At(server.Port, "/io?ms=20") with { Workers = 1 }, null, observer, Ct);

        // Two connections waiting on 20 ms I/O cost the generator little CPU (the runtime's own threads in this
        // process count too: up to a quarter second seen on a busy machine), not the observer's second.
        Assert.True(observer.OwnCpu >= TimeSpan.FromSeconds(1));
        Assert.True(result.Generator.CpuSeconds < observer.OwnCpu.TotalSeconds * 0.6, $"generator CPU {result.Generator.CpuSeconds:0.000} s includes the observer's {observer.OwnCpu.TotalSeconds:0.000} s");
        Assert.False(result.Generator.Saturated);
    }

    private static double Seconds(long ticks) => (double)ticks / Stopwatch.Frequency;

    private sealed class Recorder : IWindowObserver
    {
        public TimeSpan BurnOnOpen { get; init; }

        public long Opened { get; private set; }

        public long Closed { get; private set; }

        public long OpenCalled { get; private set; }

        public long CloseCalled { get; private set; }

        public TimeSpan OwnCpu { get; private set; }

        public Task OpenedAsync(long timestamp, CancellationToken cancellationToken)
        {
            OpenCalled = Stopwatch.GetTimestamp();
            Opened = timestamp;
            if (BurnOnOpen > TimeSpan.Zero)
            {
                // Thread CPU, not wall time: on a busy machine this thread may wait for a core.
                var start = ThreadCpu();
                while (ThreadCpu() - start < BurnOnOpen)
                {
                    _ = Math.Sqrt(start.Ticks);
                }

                OwnCpu = ThreadCpu() - start;
            }

            return Task.CompletedTask;
        }

        public Task ClosedAsync(long timestamp, CancellationToken cancellationToken)
        {
            CloseCalled = Stopwatch.GetTimestamp();
            Closed = timestamp;
            return Task.CompletedTask;
        }

        private static TimeSpan ThreadCpu() => Bench.Load.Platform.CpuTime.CurrentThread();
    }
}
