using Bench.Load.Http;
using Bench.Load.Measurement;
using HdrHistogram;

namespace Bench.Tests.Load.Measurement;

public sealed class WorkerRecorderTests
{
    private const long TicksPerSecond = 1_000_000; // one tick = 1 µs keeps the arithmetic readable

    private static WorkerRecorder Recorder() => new(measureStart: 0, measureEnd: 3 * TicksPerSecond, TicksPerSecond, status => status is >= 200 and < 300);

    [Fact]
    public void Only_an_expected_status_with_the_right_body_is_a_request_every_other_response_is_an_error()
    {
        var recorder = Recorder();

        recorder.RecordResponse(now: 10, latencyTicks: 100, status: 200, bodyMatches: true);
        recorder.RecordResponse(now: 20, latencyTicks: 200, status: 200, bodyMatches: false);
        recorder.RecordResponse(now: 30, latencyTicks: 300, status: 404, bodyMatches: false);

        Assert.Equal(3, recorder.Responses);
        Assert.Equal(1, recorder.Requests);
        Assert.Equal(2, recorder.ErrorTotal);
        Assert.Equal(1, recorder.ErrorsOf(ErrorKind.BodyMismatch));
        Assert.Equal(2, recorder.Statuses[200]);
        Assert.Equal(1, recorder.Statuses[404]);
        Assert.Equal((1L, 2L), (recorder.Seconds[0].Completed, recorder.Seconds[0].Errors));
    }

    [Fact]
    public void Every_response_is_counted_by_its_cache_status_whatever_its_status_and_one_without_the_header_is_not()
    {
        var recorder = Recorder();

        recorder.RecordResponse(now: 10, latencyTicks: 100, status: 200, bodyMatches: true, CacheStatus.Miss);
        recorder.RecordResponse(now: 20, latencyTicks: 100, status: 200, bodyMatches: true, CacheStatus.Hit);
        recorder.RecordResponse(now: 30, latencyTicks: 100, status: 200, bodyMatches: true, CacheStatus.Hit);
        recorder.RecordResponse(now: 40, latencyTicks: 100, status: 502, bodyMatches: false, CacheStatus.Other);
        recorder.RecordResponse(now: 50, latencyTicks: 100, status: 200, bodyMatches: true);

        Assert.Equal((2L, 1L, 1L), (recorder.CacheHits, recorder.CacheMisses, recorder.CacheOther));
        Assert.Equal(5, recorder.Responses);
    }

    [Fact]
    public void The_latency_histogram_holds_successes_only_and_failures_go_to_a_histogram_of_their_own()
    {
        var recorder = Recorder();

        recorder.RecordResponse(now: 10, latencyTicks: 100, status: 200, bodyMatches: true);
        recorder.RecordResponse(now: 20, latencyTicks: 200_000, status: 200, bodyMatches: false);
        recorder.RecordResponse(now: 30, latencyTicks: 300_000, status: 500, bodyMatches: false);

        Assert.Equal(1, recorder.Latency.TotalCount);
        Assert.InRange(recorder.Latency.GetMaxValue(), 100, 101);
        Assert.Equal(2, recorder.Failures.TotalCount);
        Assert.InRange(recorder.Failures.GetMaxValue(), 299_000, 301_000);
        Assert.Equal(1, recorder.Seconds[0].Latency.TotalCount);
    }

    [Fact]
    public void Timeouts_resets_and_refusals_record_how_long_they_took_as_failures()
    {
        var recorder = Recorder();

        recorder.RecordError(now: 5, ErrorKind.RequestTimeout, waitedTicks: 2_000_000);
        recorder.RecordError(now: 6, ErrorKind.ConnectRefused, waitedTicks: 150);
        recorder.RecordError(now: 7, ErrorKind.ConnectionClosed, waitedTicks: 4_000);

        Assert.Equal(0, recorder.Latency.TotalCount);
        Assert.Equal(3, recorder.Failures.TotalCount);
        Assert.InRange(recorder.Failures.GetMaxValue(), 1_998_000, 2_002_000);
        Assert.Equal(3, recorder.ErrorTotal);
        Assert.Equal(0, recorder.Responses);
        Assert.Equal(0, recorder.Requests);
    }

    [Fact]
    public void The_per_second_series_puts_each_outcome_in_the_second_it_finished()
    {
        var recorder = Recorder();

        recorder.RecordResponse(now: 100, latencyTicks: 50, status: 200, bodyMatches: true);
        recorder.RecordResponse(now: 2_500_000, latencyTicks: 50, status: 200, bodyMatches: true);
        recorder.RecordError(now: 2_600_000, ErrorKind.ConnectionClosed, waitedTicks: -1);

        Assert.Equal(3, recorder.Seconds.Count);
        Assert.Equal([1L, 0L, 1L], recorder.Seconds.Select(s => s.Completed));
        Assert.Equal([0L, 0L, 1L], recorder.Seconds.Select(s => s.Errors));
    }

    [Fact]
    public void An_answer_drained_after_the_window_belongs_to_its_last_second_not_to_a_new_one()
    {
        var recorder = Recorder();

        recorder.RecordResponse(now: 4_200_000, latencyTicks: 1_500_000, status: 200, bodyMatches: true);

        Assert.Equal(3, recorder.Seconds.Count);
        Assert.Equal(1, recorder.Seconds[2].Completed);
    }
}
