using System.Globalization;
using Bench.Launch;
using Bench.Results;
using Bench.Running;
using Bench.Sdk.Recording;

namespace Bench.Sdk.Running;

/// <summary>
/// A scenario's catalogue targets (<see cref="ScenarioProps.WithTargets"/>), one after the other, with <c>bench run</c>'s
/// own pieces: the launcher (dependencies such as redis, docker targets), <see cref="TargetSession"/> (start pinned
/// under the CPU quota of <see cref="SweepSettings.ForMachine(int)"/>, verify against the contract, restart before a level
/// when it died or did not settle, stop) and the resource meter of each level. A target that fails verification is
/// recorded as such and skipped, and fails the run (exit 3), as in <c>bench run</c>. Everything it started is stopped
/// when it ends, after Ctrl-C too.
/// </summary>
internal sealed class TargetSweep(ScenarioRuntime scenario, ResultsLog log, TextWriter output) : IAsyncDisposable
{
    private readonly TargetLauncher _launcher = TargetLauncher.ForEnvironment(note => scenario.Log.Information("{Note}", note), run: scenario.Name);
    private readonly TargetCatalog _catalog = TargetCatalog.LoadDefault();
    private readonly SweepSettings _settings = SweepSettings.ForMachine(Environment.ProcessorCount);

    /// <summary>The problems of the scenario's targets before anything starts: unknown names, duplicates.</summary>
    public static IEnumerable<string> Problems(ScenarioProps props, TargetCatalog catalog)
    {
        foreach (string name in props.Targets.Where(n => catalog.Find(n) is null).Distinct())
        {
            yield return $"no target '{name}' in the catalogue (bench targets lists them)";
        }

        foreach (string name in props.Targets.GroupBy(n => n).Where(g => g.Count() > 1).Select(g => g.Key))
        {
            yield return $"target '{name}' is named twice";
        }
    }

    /// <summary>Runs <paramref name="levels"/> (the warm-up and every simulation) against each target; returns why the run is invalid, or null.</summary>
    public async Task<string?> RunAsync(Func<TargetSession, Task> levels, CancellationToken stop)
    {
        var invalid = new List<string>();
        foreach (string name in scenario.Props.Targets)
        {
            if (stop.IsCancellationRequested)
            {
                break;
            }

            var definition = _catalog.Find(name)!;
            await using var session = new TargetSession(definition, _settings, _launcher);
            await output.WriteLineAsync($"{scenario.Name}: starting {name}");
            var verification = await session.StartAndVerifyAsync(stop);
            var record = TargetVerification.From(verification) with { Target = name, ConcurrencyLimit = definition.ConcurrencyLimit };
            await log.ChangeScenarioAsync(scenario.Name, s => s with { Verification = [.. s.Verification.Where(v => v.Target != name), record] });
            if (!verification.Valid)
            {
                invalid.Add($"target '{name}' is invalid: {verification.Reason}");
                await output.WriteLineAsync($"{scenario.Name}: {name} is invalid, skipped: {verification.Reason}");
                continue;
            }

            try
            {
                Point(session);
                await levels(session);
            }
            finally
            {
                scenario.Target = null;
            }
        }

        return invalid.Count == 0 ? null : string.Join("; ", invalid);
    }

    /// <summary>Before a level: the target runs and answers, else it is restarted (maybe on another port), as in <c>bench run</c>.</summary>
    public async Task EnsureReadyAsync(TargetSession session, int level, CancellationToken stop)
    {
        if (await session.EnsureReadyAsync(stop) is { } reason)
        {
            scenario.Log.Warning("{Target} restarted before level {Level}: it {Reason}", session.Definition.Name, level, reason);
            Point(session);
        }
    }

    public ValueTask DisposeAsync() => _launcher.DisposeAsync();

    private void Point(TargetSession session) =>
        scenario.Target = new ScenarioTarget(session.Definition.Name, new Uri($"http://127.0.0.1:{session.Target!.Port.ToString(CultureInfo.InvariantCulture)}/"));
}
