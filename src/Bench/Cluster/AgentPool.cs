using System.Diagnostics;
using Bench.Load;
using Bench.Load.Engine;

namespace Bench.Cluster;

/// <summary>
/// Drives a level through load agents instead of this process's engine: measures each agent's clock, splits the load
/// (<see cref="LoadSplit"/>), gives every agent the same start instant on its own clock, tells the window observer
/// when the planned window opens and closes here, and merges the agents' raw measurements (<see cref="LoadMerge"/>).
/// A level is marked with a generator problem, and so invalid, when an agent is lost or the agents' windows disagree by
/// more than <see cref="WindowAgreement.Tolerance"/> of the window; a lost agent leaves the pool and the run goes on with the rest.
/// </summary>
public sealed class AgentPool(IReadOnlyList<AgentEndpoint> agents, TimeProvider? timeProvider = null) : ILoadGenerator
{
    private const int ClockSamples = 8;

    // Time for every agent to get its command before the start instant, beyond the slowest clock exchange.
    private static readonly TimeSpan StartLead = TimeSpan.FromMilliseconds(300);

    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;
    private readonly List<AgentClient> _clients = agents.Select(a => new AgentClient(a, timeProvider)).ToList();

    /// <summary>The agents still in the pool.</summary>
    public IReadOnlyList<AgentEndpoint> Agents => _clients.Select(c => c.Endpoint).ToArray();

    /// <summary>Each agent's clock against this host's (the best of eight exchanges); an agent that does not answer is an <see cref="AgentException"/>.</summary>
    public async Task<IReadOnlyList<ClockSample>> ClocksAsync(CancellationToken cancellationToken) =>
        await Task.WhenAll(_clients.Select(c => c.ClockAsync(ClockSamples, cancellationToken)));

    public async Task<LoadResult> RunAsync(LoadOptions options, IProgress<LoadProgress>? progress, IWindowObserver? window, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        var clocks = await MeasureClocksAsync(problems, cancellationToken);
        if (clocks.Count == 0)
        {
            throw new AgentException("pool", $"has no agent left: {string.Join("; ", problems)}");
        }

        var shares = LoadSplit.Split(options, clocks.Count);
        var slowest = clocks.Take(shares.Count).Max(c => c.Clock.RoundTrip);
        var startAt = _time.GetUtcNow() + StartLead + slowest;
        long startTicks = Stopwatch.GetTimestamp() + (long)((startAt - _time.GetUtcNow()).TotalSeconds * Stopwatch.Frequency);
        var runs = shares.Select((share, i) => clocks[i].Client.RunAsync(new AgentShare(share, startAt + clocks[i].Clock.Offset), startAt, cancellationToken)).ToArray();
        var all = Task.WhenAll(runs);
        long open = startTicks + (long)(options.Warmup.TotalSeconds * Stopwatch.Frequency);
        long close = open + (long)(options.Duration.TotalSeconds * Stopwatch.Frequency);
        await Task.WhenAll(
            window is null ? Task.CompletedTask : WindowWatch.RunAsync(open, close, all, window, cancellationToken),
            progress is null ? Task.CompletedTask : ReportAsync(startTicks, open, close, all, progress, cancellationToken));
        await Task.WhenAll(runs.Select(r => r.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default)));
        cancellationToken.ThrowIfCancellationRequested();

        var reported = new List<(AgentClient Client, ClockSample Clock, AgentReport Report, LoadOptions Share)>();
        for (int i = 0; i < runs.Length; i++)
        {
            if (runs[i].IsCompletedSuccessfully)
            {
                reported.Add((clocks[i].Client, clocks[i].Clock, await runs[i], shares[i]));
            }
            else
            {
                var lost = runs[i].Exception?.GetBaseException();
                problems.Add(lost is AgentException e ? $"{e.Message} during the level" : $"agent {clocks[i].Client.Endpoint}: {lost?.Message}");
                _clients.Remove(clocks[i].Client);
            }
        }

        if (reported.Count == 0)
        {
            throw new AgentException("pool", $"lost every agent: {string.Join("; ", problems)}");
        }

        var parts = reported.Select(r => r.Report.ToResult(r.Share)).ToArray();
        var opened = reported.Select(r => r.Report.WindowStartedAt - r.Clock.Offset).ToArray();
        // Shares of a fixed count of iterations end when their counts are done: only their openings must agree.
        var closed = options.Iterations is not null ? opened
            : reported.Select((r, i) => opened[i] + TimeSpan.FromSeconds(r.Report.DurationSeconds)).ToArray();
        var first = opened.Min();
        // A run cut short (Ctrl-C) closes its windows wherever each agent was: that is not a disagreement.
        if (parts.All(p => p.StopReason != StopReason.Cancelled) && WindowAgreement.Problem(opened, closed, options.Duration) is { } apart)
        {
            problems.Add(apart);
        }

        var merged = LoadMerge.Merge(options, parts);
        return merged with
        {
            GeneratorProblems = problems,
            Parts = reported.Select((r, i) => new GeneratorPart(
                r.Client.Endpoint.ToString(), parts[i].Requests, parts[i].Generator.CpuSeconds, parts[i].Generator.Saturated,
                r.Clock.Offset.TotalMilliseconds, r.Clock.RoundTrip.TotalMilliseconds, (opened[i] - first).TotalMilliseconds, null))
                .Concat(clocks.Skip(shares.Count).Select(c => new GeneratorPart(c.Client.Endpoint.ToString(), 0, 0, false, c.Clock.Offset.TotalMilliseconds, c.Clock.RoundTrip.TotalMilliseconds, 0, "idle: fewer connections than agents")))
                .ToArray(),
        };
    }

    /// <summary>Every agent's clock; an agent that does not answer leaves the pool, with the reason in <paramref name="problems"/>.</summary>
    private async Task<List<(AgentClient Client, ClockSample Clock)>> MeasureClocksAsync(List<string> problems, CancellationToken cancellationToken)
    {
        var asked = _clients.Select(c => (Client: c, Clock: c.ClockAsync(ClockSamples, cancellationToken))).ToArray();
        var answered = new List<(AgentClient, ClockSample)>();
        foreach (var (client, clock) in asked)
        {
            try
            {
                answered.Add((client, await clock));
            }
            catch (AgentException e)
            {
                problems.Add(e.Message);
                _clients.Remove(client);
            }
        }

        return answered;
    }

    /// <summary>Progress once a second from the start instant to the window's planned end, or until the agents finish.</summary>
    private async Task ReportAsync(long startTicks, long open, long close, Task finished, IProgress<LoadProgress> progress, CancellationToken cancellationToken)
    {
        try
        {
            for (long now = Stopwatch.GetTimestamp(); now < close && !finished.IsCompleted; now = Stopwatch.GetTimestamp())
            {
                progress.Report(new LoadProgress(TimeSpan.FromSeconds(Math.Max(0, now - startTicks) / (double)Stopwatch.Frequency), now < open, 0, 0, 0));
                long next = Math.Min(now + Stopwatch.Frequency, now < open ? open : close);
                await Task.WhenAny(finished, Task.Delay(TimeSpan.FromSeconds(Math.Max(0, next - now) / (double)Stopwatch.Frequency), _time, cancellationToken));
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped: the runs see the same token.
        }
    }
}
