using Bench.Load.Measurement;
using HdrHistogram;

namespace Bench.Load.Engine;

/// <summary>Merges the workers' measurements into one <see cref="LoadResult"/> once every worker has stopped.</summary>
internal static class ResultBuilder
{
    public const double SaturationThreshold = 0.9;
    public const double RateReachedFraction = 0.98;

    public static LoadResult Build(RunPlan plan, DateTimeOffset startedAt, IReadOnlyList<Worker> workers, IReadOnlyList<OpenWorkerModel> open, TimeSpan processCpuAtEnd, long endTimestamp)
    {
        var options = plan.Options;
        var recorders = workers.Select(w => w.Recorder).ToArray();
        long windowEnd = workers.Max(w => w.Window.End);
        var duration = Seconds(Math.Max(0, windowEnd - plan.MeasureStart));
        var reason = workers.Any(w => w.Reason == StopReason.Cancelled) ? StopReason.Cancelled
            : workers.All(w => w.Reason == StopReason.IterationsDone) ? StopReason.IterationsDone
            : StopReason.DurationElapsed;

        var statuses = new SortedDictionary<int, long>();
        var errors = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var recorder in recorders)
        {
            foreach (var (status, count) in recorder.Statuses)
            {
                statuses[status] = statuses.GetValueOrDefault(status) + count;
                if (!plan.IsExpectedStatus(status))
                {
                    Add(errors, ErrorKinds.Status(status), count);
                }
            }

            foreach (var kind in Enum.GetValues<ErrorKind>())
            {
                Add(errors, Name(kind), recorder.ErrorsOf(kind));
            }
        }

        long requests = recorders.Sum(r => r.Requests);
        var seconds = LatencyHistogram.MergeSeconds(recorders.Select(r => r.Seconds.Select(b => b.Latency).ToArray()).ToArray());
        return LoadResult.FromCounts(
            options,
            startedAt,
            duration,
            reason,
            requests,
            recorders.Sum(r => r.Responses),
            LatencyHistogram.Merge(recorders.Select(r => r.Latency)),
            LatencyHistogram.Merge(recorders.Select(r => r.Failures)),
            errors,
            statuses,
            recorders.Sum(r => r.InFlight),
            Series(recorders, seconds),
            seconds,
            Generator(plan, workers, requests + errors.Values.Sum(), processCpuAtEnd, endTimestamp),
            open.Count == 0 ? null : Open(plan, workers, open),
            options.Model == LoadModel.Closed ? workers.SelectMany(w => w.Connections).Select(c => c.WindowResponses).ToArray() : [],
            CacheCounts.Of(recorders.Sum(r => r.CacheHits), recorders.Sum(r => r.CacheMisses), recorders.Sum(r => r.CacheOther))) with
        {
            WindowOpenedLate = Seconds(Math.Max(0, workers.Where(w => w.Window.IsOpen || w.Window.IsClosed).Select(w => w.Window.Start - plan.MeasureStart).DefaultIfEmpty(0).Max())),
        };
    }

    private static TimeSpan Seconds(long ticks) => TimeSpan.FromSeconds((double)ticks / RunPlan.TicksPerSecond);

    private static void Add(SortedDictionary<string, long> errors, string kind, long count)
    {
        if (count > 0)
        {
            errors[kind] = errors.GetValueOrDefault(kind) + count;
        }
    }

    internal static string Name(ErrorKind kind) => kind switch
    {
        ErrorKind.ConnectRefused => ErrorKinds.ConnectRefused,
        ErrorKind.ConnectTimeout => ErrorKinds.ConnectTimeout,
        ErrorKind.ConnectError => ErrorKinds.ConnectError,
        ErrorKind.RequestTimeout => ErrorKinds.RequestTimeout,
        ErrorKind.ConnectionClosed => ErrorKinds.ConnectionClosed,
        ErrorKind.ProtocolError => ErrorKinds.ProtocolError,
        _ => ErrorKinds.BodyMismatch,
    };

    private static List<SecondSample> Series(IReadOnlyList<WorkerRecorder> recorders, List<HistogramBase> latencies)
    {
        var series = new List<SecondSample>(latencies.Count);
        for (int s = 0; s < latencies.Count; s++)
        {
            var buckets = recorders.Where(r => r.Seconds.Count > s).Select(r => r.Seconds[s]).ToArray();
            series.Add(SecondSample.Of(s, buckets.Sum(b => b.Completed), buckets.Sum(b => b.Errors), latencies[s]));
        }

        return series;
    }

    private static GeneratorUsage Generator(RunPlan plan, IReadOnlyList<Worker> workers, long attempts, TimeSpan processCpuAtEnd, long endTimestamp)
    {
        var first = workers[0].Window;
        double cpu = Math.Max(0, (processCpuAtEnd - first.ProcessCpuAtStart).TotalSeconds);
        double wall = Seconds(endTimestamp - first.Start).TotalSeconds;
        double utilisation = wall > 0.001 ? cpu / (wall * workers.Count) : 0; // a run stopped before its window opened has none
        double busiestWorker = workers.Max(w => w.Window.End > w.Window.Start ? w.Window.ThreadCpu.TotalSeconds / Seconds(w.Window.End - w.Window.Start).TotalSeconds : 0);
        return new GeneratorUsage(
            workers.Count,
            plan.Cpus,
            cpu,
            workers.Sum(w => w.Window.ThreadCpu.TotalSeconds),
            utilisation,
            attempts > 0 ? cpu * 1e6 / attempts : 0,
            workers.Sum(w => w.Window.AllocatedBytes),
            utilisation > SaturationThreshold || busiestWorker > SaturationThreshold);
    }

    private static OpenModelResult Open(RunPlan plan, IReadOnlyList<Worker> workers, IReadOnlyList<OpenWorkerModel> open)
    {
        var options = plan.Options;
        var schedule = new ArrivalSchedule(options.Rate, options.Warmup, options.Stages, options.Warmup + options.Duration);
        double targetRps = (schedule.ArrivalsBy((options.Warmup + options.Duration).TotalSeconds) - schedule.ArrivalsBy(options.Warmup.TotalSeconds)) / options.Duration.TotalSeconds;
        long sent = open.Sum(m => m.Sent);
        long scheduled = sent + open.Sum(m => m.Unsent);
        long late = open.Sum(m => m.Late);
        return new OpenModelResult(targetRps, scheduled, sent, late, scheduled - sent, sent - late >= RateReachedFraction * scheduled, workers.Sum(w => w.PeakSockets));
    }
}
