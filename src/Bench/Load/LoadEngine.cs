using System.Diagnostics;
using Bench.Load.Engine;
using Bench.Load.Platform;

namespace Bench.Load;

/// <summary>
/// Runs one load against one loopback URL and measures it: closed or open model, HDR latencies, errors by kind,
/// the generator's own CPU. One event-loop thread per core (see <see cref="Worker"/>); every run ends by itself at
/// the end of its warmup plus duration at the latest. Linux only (epoll).
/// </summary>
public sealed class LoadEngine(TimeProvider? timeProvider = null) : ILoadGenerator
{
    public const int DefaultMaxConnections = 1000;

    // Workers start a moment after the plan is made, so the first arrival is not already late.
    private static readonly TimeSpan StartLead = TimeSpan.FromMilliseconds(10);

    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    /// <summary>
    /// Runs the load. Cancelling stops it within about 10 ms and still returns what was measured, with
    /// <see cref="StopReason.Cancelled"/>. Invalid options throw <see cref="ArgumentException"/> naming every problem.
    /// With <see cref="LoadOptions.Cpus"/> the whole process is pinned for the run, and unpinned afterwards.
    /// </summary>
    public Task<LoadResult> RunAsync(LoadOptions options, IProgress<LoadProgress>? progress, CancellationToken cancellationToken) =>
        RunAsync(options, progress, null, cancellationToken);

    /// <summary>
    /// Runs the load and tells <paramref name="window"/> when the measured window opens and closes (see
    /// <see cref="IWindowObserver"/>); the CPU it reports as its own is not counted as the generator's.
    /// </summary>
    public Task<LoadResult> RunAsync(LoadOptions options, IProgress<LoadProgress>? progress, IWindowObserver? window, CancellationToken cancellationToken) =>
        RunAsync(options, progress, window, null, cancellationToken);

    /// <summary>
    /// Runs the load with its first request at <paramref name="startAt"/> (this host's clock), not "as soon as it is
    /// ready": several load agents given the same instant open their windows together, whatever each one's set-up costs.
    /// </summary>
    public Task<LoadResult> RunAtAsync(LoadOptions options, DateTimeOffset startAt, CancellationToken cancellationToken) =>
        RunAsync(options, null, null, startAt, cancellationToken);

    private async Task<LoadResult> RunAsync(LoadOptions options, IProgress<LoadProgress>? progress, IWindowObserver? window, DateTimeOffset? startAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", problems), nameof(options));
        }

        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("the load engine drives its sockets through Linux epoll");
        }

        cancellationToken.ThrowIfCancellationRequested();
        LoopbackUrl.TryResolve(options.Url, out var endpoint, out _);
        IReadOnlyList<int> cpus = options.Cpus is { } count ? CpuPlacement.Highest(count) : [];
        var allowedBefore = CpuPlacement.Allowed();
        var workers = new List<Worker>();
        var watching = Task.CompletedTask;
        try
        {
            if (cpus.Count > 0)
            {
                CpuPlacement.PinProcess(cpus);
            }

            int maxConnections = options.Model == LoadModel.Open ? options.MaxConnections ?? Math.Max(options.Connections, DefaultMaxConnections) : options.Connections;
            int workerCount = options.Workers ?? Math.Min(cpus.Count > 0 ? cpus.Count : Environment.ProcessorCount, maxConnections);
            var now = _time.GetUtcNow();
            var lead = startAt is { } at && at - now > StartLead ? at - now : StartLead;
            var plan = RunPlan.Create(options, endpoint, workerCount, cpus, lead);
            var startedAt = now + lead;
            var openModels = new List<OpenWorkerModel>();
            for (int i = 0; i < workerCount; i++)
            {
                var worker = new Worker(plan, i);
                workers.Add(worker);
                worker.Attach(options.Model == LoadModel.Closed
                    ? new ClosedWorkerModel(worker, Enumerable.Range(0, options.Connections).Where(u => u % workerCount == i).ToArray(), options.Connections)
                    : AddTo(openModels, new OpenWorkerModel(worker, Share(options.Connections, workerCount, i), Math.Max(1, Share(maxConnections, workerCount, i)))));
            }

            using var stopOnCancel = cancellationToken.Register(plan.Stop.Request);
            var finished = Task.WhenAll(workers.Select(w => RunOnThread(w, plan.Stop)));
            watching = window is null ? Task.CompletedTask : WindowWatch.RunAsync(plan, finished, window, cancellationToken);
            await ReportProgressAsync(finished, plan, workers, progress);
            await finished;
            await watching;
            return ResultBuilder.Build(plan, startedAt, workers, openModels, CpuTime.Process() - (window?.OwnCpu ?? TimeSpan.Zero), Stopwatch.GetTimestamp());
        }
        finally
        {
            // A broken worker ends the run early: the observer still hears the window close before the workers go.
            await watching.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);

            foreach (var worker in workers)
            {
                worker.Dispose();
            }

            if (cpus.Count > 0)
            {
                CpuPlacement.PinProcess(allowedBefore);
            }
        }
    }

    private static T AddTo<T>(List<T> list, T item)
    {
        list.Add(item);
        return item;
    }

    /// <summary>Worker <paramref name="index"/>'s part of <paramref name="total"/> split as evenly as possible.</summary>
    private static int Share(int total, int parts, int index) => (total / parts) + (index < total % parts ? 1 : 0);

    private static Task RunOnThread(Worker worker, StopSignal stop)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                worker.Run();
                done.SetResult();
            }
            catch (Exception e)
            {
                stop.Request(); // one broken worker stops the others too
                done.SetException(e);
            }
        })
        { IsBackground = true, Name = $"bench-load-{worker.Index}" };
        thread.Start();
        return done.Task;
    }

    private async Task ReportProgressAsync(Task finished, RunPlan plan, IReadOnlyList<Worker> workers, IProgress<LoadProgress>? progress)
    {
        if (progress is null)
        {
            await Task.WhenAny(finished);
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1), _time);
        long lastRequests = 0;
        long lastTicks = Stopwatch.GetTimestamp();
        while (await Task.WhenAny(finished, timer.WaitForNextTickAsync().AsTask()) != finished)
        {
            long now = Stopwatch.GetTimestamp();
            long requests = workers.Sum(w => Volatile.Read(ref w.Recorder.Requests));
            long errors = workers.Sum(w => Volatile.Read(ref w.Recorder.ErrorTotal));
            double interval = (double)(now - lastTicks) / RunPlan.TicksPerSecond;
            progress.Report(new LoadProgress(
                TimeSpan.FromSeconds((double)(now - plan.Start) / RunPlan.TicksPerSecond),
                now < plan.MeasureStart,
                requests,
                errors,
                interval > 0 ? (requests - lastRequests) / interval : 0));
            lastRequests = requests;
            lastTicks = now;
        }
    }
}
