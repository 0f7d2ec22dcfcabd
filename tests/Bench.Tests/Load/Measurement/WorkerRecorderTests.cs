using Bench.Load.Measurement;
using HdrHistogram;

namespace Bench.Tests.Load.Measurement;

public sealed class WorkerRecorderTests
{
    private const long TicksPerSecond = 1_000_000; // one tick = 1 µs keeps the arithmetic readable

    private static WorkerRecorder Recorder() => new(measureStart: 0, TicksPerSecond, status => status is >= 200 and < 300);

    [Fact]
    public void Responses_are_counted_by_status_and_only_expected_ones_with_the_right_body_succeed()
    {
        var recorder = Recorder();

        recorder.RecordResponse(now: 10, latencyTicks: 100, status: 200, bodyMatches: true);
        recorder.RecordResponse(now: 20, latencyTicks: 200, status: 200, bodyMatches: false);
        recorder.RecordResponse(now: 30, latencyTicks: 300, status: 404, bodyMatches: false);

        Assert.Equal(3, recorder.Responses);
        Assert.Equal(1, recorder.Succeeded);
        Assert.Equal(2, recorder.ErrorTotal);
        Assert.Equal(1, recorder.ErrorsOf(ErrorKind.BodyMismatch));
        Assert.Equal(2, recorder.Statuses[200]);
        Assert.Equal(1, recorder.Statuses[404]);
        Assert.Equal(3, recorder.Latency.TotalCount);
    }

    [Fact]
    public void Timeouts_record_how_long_they_waited_but_refusals_have_no_latency()
    {
        var recorder = Recorder();

        recorder.RecordError(now: 5, ErrorKind.RequestTimeout, waitedTicks: 2_000_000);
        recorder.RecordError(now: 6, ErrorKind.ConnectRefused);

        Assert.Equal(1, recorder.Latency.TotalCount);
        Assert.InRange(recorder.Latency.GetMaxValue(), 1_998_000, 2_002_000);
        Assert.Equal(2, recorder.ErrorTotal);
        Assert.Equal(0, recorder.Responses);
    }

    [Fact]
    public void The_per_second_series_puts_each_outcome_in_the_second_it_finished()
    {
        var recorder = Recorder();

        recorder.RecordResponse(now: 100, latencyTicks: 50, status: 200, bodyMatches: true);
        recorder.RecordResponse(now: 2_500_000, latencyTicks: 50, status: 200, bodyMatches: true);
        recorder.RecordError(now: 2_600_000, ErrorKind.ConnectionClosed);

        Assert.Equal(3, recorder.Seconds.Count);
        Assert.Equal([1L, 0L, 1L], recorder.Seconds.Select(s => s.Completed));
        Assert.Equal([0L, 0L, 1L], recorder.Seconds.Select(s => s.Errors));
    }
}
