using System.Collections.Concurrent;
using Bench.Sdk.Measurement;

namespace Bench.Sdk.Running;

/// <summary>
/// Runs the iterations of one phase (a simulation, or the warm-up when <see cref="Meter"/> is null) and cuts the
/// ones still running at its end: each is recorded once (<see cref="Iteration.TrySettle"/>), by its own end or by
/// the cut. An exception is an error of its type, never a crash; a failed step ends the iteration with the step's error.
/// </summary>
internal sealed class PhaseRun : IDisposable
{
    private readonly ScenarioRuntime _scenario;
    private readonly CancellationTokenSource _cut;
    private readonly ConcurrentDictionary<Iteration, byte> _running = new();
    private volatile bool _isCut;

    public PhaseRun(ScenarioRuntime scenario, LevelMeter? meter, CancellationToken stop)
    {
        _scenario = scenario;
        Meter = meter;
        _cut = CancellationTokenSource.CreateLinkedTokenSource(stop);
    }

    public LevelMeter? Meter { get; }

    /// <summary>Iterations dispatched and not yet ended or cut.</summary>
    public int Running => _running.Count;

    /// <summary>Registers an iteration before it starts (the open model dispatches it to the pool), so a cut sees it even unstarted.</summary>
    public Iteration Prepare(ScenarioContext copy, long intended, bool inWindow)
    {
        var iteration = new Iteration(copy, intended, inWindow);
        _running.TryAdd(iteration, 0);
        return iteration;
    }

    public async Task RunAsync(Iteration iteration)
    {
        var time = _scenario.Time;
        long start = time.GetTimestamp();
        if (_isCut || iteration.IsSettled)
        {
            _running.TryRemove(iteration, out _);
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
        _running.TryRemove(iteration, out _);
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
        foreach (var iteration in _running.Keys)
        {
            if (iteration.TrySettle())
            {
                Meter?.RecordCut(iteration, now);
            }
        }

        Meter?.Seal(now);
        await _cut.CancelAsync();
        long deadline = _scenario.Time.GetTimestamp() + (long)(grace.TotalSeconds * _scenario.Time.TimestampFrequency);
        while (_running.Keys.Any(i => i.Started >= 0) && _scenario.Time.GetTimestamp() < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(5), _scenario.Time, CancellationToken.None);
        }

        int left = _running.Keys.Count(i => i.Started >= 0);
        if (left > 0)
        {
            _scenario.Log.Warning("{Count} iteration(s) still running {Grace} after they were cancelled: not waited for (pass ctx.CancellationToken to every call)", left, grace);
        }
    }

    public void Dispose() => _cut.Dispose();
}
