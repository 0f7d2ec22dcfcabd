using Bench.Sdk.Measurement;

namespace Bench.Sdk.Running;

/// <summary>One copy of a scenario (a virtual user): its number and state, and the iteration it is running.</summary>
internal sealed class ScenarioContext(ScenarioInfo info, ILogger logger, TimeProvider time, StepNames steps) : IScenarioContext
{
    public ScenarioInfo ScenarioInfo { get; } = info;

    public ILogger Logger { get; } = logger;

    public CancellationToken CancellationToken { get; private set; }

    public Dictionary<string, object> Data { get; } = [];

    public long InvocationNumber { get; private set; }

    internal Iteration? Current { get; private set; }

    private Iteration? _pending;

    /// <summary>
    /// The iteration prepared on this copy and not ended yet (started or not): a copy runs one at a time, so its phase's
    /// cut finds it here. One left running past an earlier cut is replaced by the next phase's.
    /// </summary>
    internal Iteration? Pending => Volatile.Read(ref _pending);

    /// <summary>A full fence: the cut, which sets its flag then reads the copies, sees this or is seen by the iteration.</summary>
    internal void Pend(Iteration iteration) => Interlocked.Exchange(ref _pending, iteration);

    /// <summary>Clears <see cref="Pending"/> if it is still <paramref name="iteration"/>.</summary>
    internal void Unpend(Iteration iteration) => Interlocked.CompareExchange(ref _pending, null, iteration);

    internal LevelMeter? Meter { get; private set; }

    public ScenarioTarget? Target { get; private set; }

    /// <summary>The base address of the target the scenario is driving now (targets from code); null without one.</summary>
    internal Uri? TargetAddress => Target?.BaseAddress;

    private readonly Dictionary<object, object> _attachments = [];

    /// <summary>
    /// State a library keeps per copy (a client's connection for this copy), created on first use. Only the iteration
    /// running on this copy uses it; the lock is for one that makes calls in parallel (uncontended otherwise).
    /// </summary>
    internal T Attachment<T>(object owner, Func<object, T> create, object state)
        where T : class
    {
        lock (_attachments)
        {
            if (_attachments.TryGetValue(owner, out object? found))
            {
                return (T)found;
            }

            var created = create(state);
            _attachments[owner] = created;
            return created;
        }
    }

    /// <summary>Closes what this copy's attachments hold open between calls (<see cref="IConnectionHolder"/>).</summary>
    internal Task CloseConnectionsAsync()
    {
        IConnectionHolder[] holders;
        lock (_attachments)
        {
            holders = [.. _attachments.Values.OfType<IConnectionHolder>()];
        }

        return holders.Length == 0 ? Task.CompletedTask : Task.WhenAll(holders.Select(h => h.CloseIdleAsync()));
    }

    internal void Begin(Iteration iteration, LevelMeter? meter, ScenarioTarget? target, CancellationToken token)
    {
        Target = target;
        Current = iteration;
        Meter = meter;
        CancellationToken = token;
        InvocationNumber++;
    }

    internal void End()
    {
        Current = null;
        Meter = null;
    }

    internal async Task<Response<T>> RunStepAsync<T>(string name, Func<Task<Response<T>>> run)
    {
        var iteration = Current ?? throw new InvalidOperationException($"Step.Run(\"{name}\") outside a running iteration of scenario '{ScenarioInfo.ScenarioName}'");
        var meter = Meter;
        string step = steps.Register(name);
        long start = time.GetTimestamp();
        Response<T> response;
        try
        {
            response = await run() ?? throw new InvalidOperationException($"step '{name}' returned null instead of a Response");
        }
        catch (OperationCanceledException) when (CancellationToken.IsCancellationRequested)
        {
            throw; // the run cut this iteration: it is settled by the cut, not recorded as the step's error
        }
        catch (Exception e)
        {
            string kind = Outcome.OfException(e);
            meter?.RecordStep(step, iteration, start, time.GetTimestamp(), kind, 0);
            throw new StepFailedException(kind, e);
        }

        iteration.RanStep = true;
        iteration.StepBytes += response.SizeBytes;
        string? error = response.IsError ? Outcome.OfFailure(response) : null;
        meter?.RecordStep(step, iteration, start, time.GetTimestamp(), error, response.SizeBytes);
        return error is null ? response : throw new StepFailedException(error);
    }
}
