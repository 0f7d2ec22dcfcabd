using System.Runtime.InteropServices;
using Bench.Cli;
using Bench.Configuration;
using Bench.Results;
using Bench.Sdk.Recording;
using Spectre.Console;

namespace Bench.Sdk.Running;

/// <summary>
/// One <see cref="BenchRunnerProps.Run"/>: checks every scenario before anything runs (bad input: every problem, one
/// line each, exit 2), runs the scenarios at once into one run folder, then gates the thresholds with
/// <c>bench gate</c>'s own step (<see cref="GateRun"/>) and returns Bench's exit code.
/// </summary>
internal sealed class RunSession(BenchRunnerProps props)
{
    private const string Command = "bench-sdk";

    private sealed record Planned(ScenarioProps Props, string Name, IReadOnlyList<Phase> Phases, IReadOnlyList<GateDefinition> Gates);

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var stderr = props.ErrorOutput;
        try
        {
            return await RunCheckedAsync(args, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await stderr.WriteLineAsync($"{Command}: interrupted");
            return ExitCodes.Interrupted;
        }
        catch (Exception e)
        {
            await stderr.WriteLineAsync(CommandGuard.Describe(Command, e));
            return ExitCodes.InvalidRun;
        }
    }

    private async Task<int> RunCheckedAsync(string[] args, CancellationToken cancellationToken)
    {
        var (stdout, stderr, time) = (props.Output, props.ErrorOutput, props.Time);
        if (RunArguments.Parse(args, out string? argumentError) is not { } arguments)
        {
            await stderr.WriteLineAsync($"{Command}: {argumentError}; {RunArguments.Usage}");
            return ExitCodes.UsageError;
        }

        if (arguments.Help)
        {
            await stdout.WriteLineAsync(RunArguments.Usage);
            return ExitCodes.Success;
        }

        var errors = new List<InputError>();
        var planned = Plan(errors);
        if (errors.Count > 0)
        {
            foreach (var error in errors)
            {
                await stderr.WriteLineAsync(error.ToString());
            }

            return ExitCodes.UsageError;
        }

        var startedAt = time.GetUtcNow();
        string cwd = Directory.GetCurrentDirectory();
        string folder = RunDirectory.Create(arguments.Out ?? props.ReportFolder, Path.Combine(cwd, "results"), RunName(planned), startedAt);
        var run = new RunInfo(RunInfoCollector.Machine(), RuntimeInformation.OSDescription, RuntimeInformation.FrameworkDescription, await RunInfoCollector.GitCommitAsync(cwd, cancellationToken), new PinningInfo(null, null), startedAt, null);
        using var log = new ResultsLog(new RunWriter(folder), run);
        foreach (var p in planned)
        {
            await log.AddAsync(ScenarioRecord.Start(p.Name, p.Props, p.Phases, p.Gates));
        }

        await stdout.WriteLineAsync($"run folder: {folder}");
        using var interruption = props.HandlesSignals ? Interruption.OnSignals(stderr) : null;
        interruption?.Stopping = Interruption.RunStopping;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, interruption?.Token ?? CancellationToken.None);
        var outcomes = await Task.WhenAll(planned.Select(p =>
        {
            var scenario = new ScenarioRuntime(p.Props, p.Name, time, new ConsoleLogger(p.Name, stderr, time));
            return Task.Run(() => new ScenarioRunner(scenario, p.Phases, log, stdout).RunAsync(stop.Token), CancellationToken.None);
        }));

        if (stop.IsCancellationRequested)
        {
            await stderr.WriteLineAsync($"{Command}: interrupted; what was measured is in {log.Writer.ResultsPath}");
            return ExitCodes.Interrupted;
        }

        if (outcomes.Select(o => o.Failure).OfType<string>().ToArray() is { Length: > 0 } failures)
        {
            foreach (string failure in failures)
            {
                await stderr.WriteLineAsync($"{Command}: {failure}");
            }

            return ExitCodes.InvalidRun;
        }

        await log.CompleteAsync(time.GetUtcNow());
        await stdout.WriteLineAsync($"results: {log.Writer.ResultsPath} (bench report|gate|compare work on {folder})");
        return await VerdictAsync(log.Current, arguments, cwd);
    }

    private async Task<int> VerdictAsync(RunResults results, RunArguments arguments, string cwd)
    {
        int code = ExitCodes.Success;
        if (results.Scenarios.Any(s => s.Definition.Gates.Count > 0))
        {
            var console = ReferenceEquals(props.Output, Console.Out) ? GateTable.Console()
                : AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(props.Output), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors });
            var options = GateOptions.FromEnvironment(arguments.Baseline ?? props.BaselineFolder ?? Path.Combine(cwd, "results", "baselines"));
            code = await GateRun.RunAsync(results, options, console, props.ErrorOutput, CancellationToken.None);
        }

        var owners = props.Scenarios.ToDictionary(p => RecordedName.Of(p.Name), p => p.Targets.Count > 0 ? p.Targets : [RecordedName.Of(p.Name)]);
        var invalid = results.Scenarios.SelectMany(s => s.Results.Where(r => owners.GetValueOrDefault(s.Name, [s.Name]).Contains(r.Target) && !r.Valid)).ToArray();
        if (code == ExitCodes.Success && invalid.Length > 0)
        {
            foreach (var level in invalid)
            {
                await props.ErrorOutput.WriteLineAsync($"{Command}: {level.Target}@{level.Level} is invalid: {level.InvalidReason}");
            }

            code = ExitCodes.InvalidRun;
        }

        return code;
    }

    private List<Planned> Plan(List<InputError> errors)
    {
        var planned = new List<Planned>();
        if (props.Scenarios.Count == 0)
        {
            errors.Add(new InputError(SourceLocation.WholeFile(Command), "no scenarios registered: BenchRunner.RegisterScenarios(scenario, …)"));
        }

        foreach (var scenario in props.Scenarios)
        {
            var source = SourceLocation.Parse(scenario.Source);
            string name = RecordedName.Of(scenario.Name);
            if (planned.Any(p => p.Name == name))
            {
                errors.Add(new InputError(source, $"scenario '{scenario.Name}': another scenario has the name '{name}'"));
            }

            var problems = new List<string>();
            var phases = LoadPlan.Of(scenario.LoadSimulations, problems);
            if (scenario.Timeout <= TimeSpan.Zero || scenario.Timeout > Load.LoadOptions.MaxTimeout)
            {
                problems.Add("the timeout must be positive and at most 1 hour");
            }

            if (scenario.WarmUpDuration < TimeSpan.Zero)
            {
                problems.Add("the warm-up cannot be negative");
            }

            if (scenario.Targets.Count > 0)
            {
                problems.AddRange(TargetSweep.Problems(scenario, Launch.TargetCatalog.LoadDefault()));
                if (phases.Any(p => !p.Closed && p.Simulation.Kind != SimulationKind.Pause))
                {
                    problems.Add("a sweep over targets takes closed simulations (KeepConstant, WithLevels): the open model's levels are rates, a YAML sweep's are connections");
                }
            }

            errors.AddRange(problems.Select(p => new InputError(source, $"scenario '{scenario.Name}': {p}")));
            // A threshold without a target@level is the scenario's: in a sweep, every target's (and step's).
            planned.Add(new Planned(scenario, name, phases, Thresholds.Of(scenario.Targets.Count > 0 ? "*" : name, scenario.Thresholds, errors)));
        }

        return planned;
    }

    private static string RunName(List<Planned> planned) =>
        planned.Count <= 3 ? string.Join('+', planned.Select(p => p.Name)) : $"{string.Join('+', planned.Take(3).Select(p => p.Name))}+{planned.Count - 3}-more";
}
