using System.Runtime.CompilerServices;
using Bench.Sdk.Measurement;

namespace Bench.Sdk.Running;

/// <summary>
/// Runs the iterations of one phase (a simulation, or the warm-up, whose meter is thrown away) and cuts the ones still
/// running at its end: each is recorded once (<see cref="Iteration.TrySettle"/>), by its own end or by the cut. An
/// exception is an error of its type, never a crash; a failed step ends the iteration with the step's error. A copy
/// runs one iteration at a time, so the iterations running are found on the copies (<see cref="ScenarioContext.Pending"/>)
/// rather than in a set of their own: no shared structure is touched per iteration but a counter.
/// </summary>
internal sealed class PhaseRun : IDisposable
{
    private readonly ScenarioRuntime _scenario;
    private readonly CancellationTokenSource _cut;
    private int _running;
    private volatile bool _isCut;

    public PhaseRun(ScenarioRuntime scenario, LevelMeter? meter, CancellationToken stop)
    {
        _scenario = scenario;
        Meter = meter;
        _cut = CancellationTokenSource.CreateLinkedTokenSource(stop);
    }

    public LevelMeter? Meter { get; }

    /// <summary>Iterations dispatched and not yet ended or cut.</summary>
    public int Running => Volatile.Read(ref _running);

    /// <summary>Registers an iteration before it starts (the open model dispatches it to the pool), so a cut sees it even unstarted.</summary>
    public Iteration Prepare(ScenarioContext copy, long intended, bool inWindow)
    {
        var iteration = new Iteration(this, copy, intended, inWindow);
        Interlocked.Increment(ref _running);
        copy.Pend(iteration);
        return iteration;
    }

    /// <summary>Runs one iteration and records it. Its state machine is pooled: one fewer allocation per iteration (about a third of what one costs).</summary>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    public async ValueTask RunAsync(Iteration iteration)
    {
        var time = _scenario.Time;
        long start = time.GetTimestamp();
        if (_isCut || iteration.IsSettled)
        {
            Ended(iteration);
            return; // cut before it could start: the cut recorded it
        }

        iteration.Started = start;
        Meter?.Start(iteration, start);
        var copy = iteration.Copy;
        copy.Begin(iteration, Meter, _scenario.Target, _cut.Token);
        string? error = null;
        long responseBytes = 0;
        try
        {
            var response = await _scenario.Props.Run(copy) ?? throw new InvalidOperationException("the scenario returned null instead of a Response");
            responseBytes = response.SizeBytes;
            error = response.IsError ? Outcome.OfFailure(response) : null;
        }
        catch (StepFailedException e)
        {
            error = e.ErrorKey;
        }
        catch (OperationCanceledException) when (_cut.IsCancellationRequested)
        {
            error = null; // cut: already settled by the cut (in flight or a timeout)
        }
        catch (Exception e)
        {
            error = Outcome.OfException(e);
        }
        finally
        {
            copy.End();
        }

        long end = time.GetTimestamp();
        Ended(iteration);
        if (iteration.TrySettle())
        {
            Meter?.RecordIteration(iteration, end, error, responseBytes);
        }
    }

    /// <summary>
    /// Ends the phase: every iteration not ended yet is settled as in flight or a timeout, and its cancellation token is
    /// cancelled. Returns once they have all returned, or after <paramref name="grace"/> (a step that ignores its token
    /// is left behind, with a warning).
    /// </summary>
    public async Task CutAsync(long now, TimeSpan grace)
    {
        _isCut = true;
        Interlocked.MemoryBarrier(); // an iteration prepared after this sees the cut, one before it is on its copy
        foreach (var iteration in Mine())
        {
            if (iteration.TrySettle())
            {
                Meter?.RecordCut(iteration, now);
            }
        }

        Meter?.Seal(now);
        await _cut.CancelAsync();
        long deadline = _scenario.Time.GetTimestamp() + (long)(grace.TotalSeconds * _scenario.Time.TimestampFrequency);
        while (Mine().Any(i => i.Started >= 0) && _scenario.Time.GetTimestamp() < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(5), _scenario.Time, CancellationToken.None);
        }

        int left = Mine().Count(i => i.Started >= 0);
        if (left > 0)
        {
            _scenario.Log.Warning("{Count} iteration(s) still running {Grace} after they were cancelled: not waited for (pass ctx.CancellationToken to every call)", left, grace);
        }
    }

    public void Dispose() => _cut.Dispose();

    /// <summary>This phase's iterations not ended yet: on their copies (an earlier phase's left behind are not this one's).</summary>
    private IEnumerable<Iteration> Mine() =>
        _scenario.Copies().Select(c => c.Pending).OfType<Iteration>().Where(i => ReferenceEquals(i.Run, this));

    private void Ended(Iteration iteration)
    {
        iteration.Copy.Unpend(iteration);
        Interlocked.Decrement(ref _running);
    }
}
