using System.CommandLine;
using Bench.Cluster;
using Bench.Configuration;
using Bench.Load;
using Bench.Reports;
using Bench.Results;
using Bench.Running;
using Bench.Scenarios;
using Bench.Launch;
using Bench.Launch.Cgroups;
using Spectre.Console;

namespace Bench.Cli;

/// <summary>`bench run [scenario.yaml…]`: the main job — launch, verify, sweep, write results.</summary>
public static class RunCommand
{
    public const string DefaultScenario = "scenarios/default.yaml";

    /// <param name="interruption">The process's signals: says what a first Ctrl-C stops, and removes the run's containers and services on a second. Stopping itself comes through the action's token.</param>
    public static Command Create(Func<TargetCatalog> catalog, Interruption? interruption = null)
    {
        var files = new Argument<string[]>("scenarios") { Description = $"Scenario files, or folders of them (a folder: its *.yaml in name order; default: {DefaultScenario}).", Arity = ArgumentArity.ZeroOrMore };
        var output = new Option<string?>("--out") { Description = "Run folder (default: results/<scenario>-<timestamp>)." };
        var targetCpus = new Option<string?>("--target-cpus") { Description = "Cores the targets are pinned to, e.g. 0 or 0-1 (default: 0 on a machine with 2+ cores; a scenario's placement wins for its targets)." };
        var generatorCpus = new Option<int?>("--generator-cpus") { Description = "How many of the highest cores the load generator uses (default: all but core 0)." };
        var quota = new Option<double?>("--target-quota") { Description = "CPU quota of each target in cores, e.g. 0.5 (default: 0.5 where cgroups allow; 0 = none; a scenario's placement wins for its targets)." };
        var noPin = new Option<bool>("--no-pin") { Description = "Pin nothing (targets and generator share every core), scenarios' placements included." };
        var memory = new Option<string?>("--target-memory") { Description = "Memory limit of every target, process or container, e.g. 256m (default: none for processes; containers keep their catalogue limit)." };
        var gates = new GateArguments();
        var cluster = new ClusterArguments();
        var command = new Command("run", "Launch each scenario's targets, verify them, drive them across the levels and write results.json, summary.csv, summary.md, charts and report.html.");
        command.Arguments.Add(files);
        command.Options.Add(output);
        command.Options.Add(targetCpus);
        command.Options.Add(generatorCpus);
        command.Options.Add(noPin);
        command.Options.Add(quota);
        command.Options.Add(memory);
        gates.AddTo(command, withGateSwitch: true);
        cluster.AddTo(command);
        command.SetAction(async (parsed, cancellationToken) =>
        {
            interruption?.Stopping = Interruption.RunStopping;
            if (await InputErrors.TryLoadAsync(catalog, Console.Error) is not { } loaded)
            {
                return ExitCodes.UsageError;
            }

            if (cluster.AgentList(parsed, out string agentsError) is not { } agents || cluster.NodeEngineMap(parsed, out agentsError) is not { } nodeEngines)
            {
                await Console.Error.WriteLineAsync($"bench run: {agentsError}");
                return ExitCodes.UsageError;
            }

            string[] paths = parsed.GetValue(files) is { Length: > 0 } given ? given : [DefaultScenario];
            IReadOnlyList<Scenario> scenarios;
            try
            {
                scenarios = new ScenarioLoader(loaded).LoadFiles(paths);
            }
            catch (InputException e)
            {
                return await InputErrors.ReportAsync(e, Console.Error);
            }

            var settings = SweepSettings.ForMachine(Environment.ProcessorCount);
            if (parsed.GetValue(noPin))
            {
                settings = settings with { TargetCpus = null, GeneratorCpus = null, TargetCpuQuota = null, NoQuotaReason = "--no-pin", NoPin = true };
            }

            if (parsed.GetValue(targetCpus) is { } cpuText)
            {
                if (!CpuSet.TryParse(cpuText, out var set) || set.Cores.Any(c => c >= Environment.ProcessorCount))
                {
                    await Console.Error.WriteLineAsync($"bench run: --target-cpus '{cpuText}' is not a list of this machine's cores (0-{Environment.ProcessorCount - 1})");
                    return ExitCodes.UsageError;
                }

                settings = settings with { TargetCpus = set };
            }

            if (parsed.GetValue(quota) is { } cores)
            {
                if (cores < 0 || cores > Environment.ProcessorCount || (cores > 0 && !CpuQuota.IsAvailable))
                {
                    await Console.Error.WriteLineAsync(cores > 0 && !CpuQuota.IsAvailable
                        ? $"bench run: --target-quota needs a cgroup cpu controller Bench can use: {CgroupHost.System.Cpu.Reason}"
                        : $"bench run: --target-quota must be 0 (none) to {Environment.ProcessorCount} cores");
                    return ExitCodes.UsageError;
                }

                settings = settings with { TargetCpuQuota = cores > 0 ? cores : null, NoQuotaReason = cores > 0 ? null : "--target-quota 0" };
            }

            if (parsed.GetValue(memory) is { } memoryText)
            {
                if (!ByteSizeText.TryParse(memoryText, out long bytes) || bytes < Bench.Launch.Docker.ContainerSpec.MinimumMemoryBytes || !MemoryLimit.IsAvailable)
                {
                    await Console.Error.WriteLineAsync(MemoryLimit.IsAvailable
                        ? $"bench run: --target-memory '{memoryText}' is not {ByteSizeText.Example}, at least {ByteSizeText.Format(Bench.Launch.Docker.ContainerSpec.MinimumMemoryBytes)}"
                        : $"bench run: --target-memory needs a cgroup memory controller Bench can use: {CgroupHost.System.Memory.Reason}");
                    return ExitCodes.UsageError;
                }

                settings = settings with { TargetMemoryLimit = bytes };
            }

            if (parsed.GetValue(generatorCpus) is { } count)
            {
                if (count < 1 || count > Environment.ProcessorCount)
                {
                    await Console.Error.WriteLineAsync($"bench run: --generator-cpus must be 1-{Environment.ProcessorCount}");
                    return ExitCodes.UsageError;
                }

                settings = settings with { GeneratorCpus = count };
            }

            Func<RunResults, Task<int>>? gate = gates.Enabled(parsed)
                ? results => GateRun.RunAsync(results, gates.Options(parsed), GateTable.Console(), Console.Error, CancellationToken.None)
                : null;
            if (parsed.GetValue(cluster.AgentsPerNode) < 1)
            {
                await Console.Error.WriteLineAsync("bench run: --agents-per-node must be at least 1");
                return ExitCodes.UsageError;
            }

            LoadSource source;
            try
            {
                source = parsed.GetValue(cluster.Cluster) is { } manager
                    ? await LoadSource.SwarmAsync(manager, nodeEngines, parsed.GetValue(cluster.AgentsPerNode), RunDirectory.NameFor(paths), Console.Out, cancellationToken)
                    : agents.Count > 0 ? await LoadSource.AgentsAsync(agents, Console.Out, cancellationToken) : LoadSource.Local();
            }
            catch (Exception e) when (e is AgentException or Bench.Cluster.Swarm.ClusterException)
            {
                await Console.Error.WriteLineAsync($"bench run: {e.Message}" + (e is AgentException ? $" (is `bench agent` running there, with the same ${AgentEndpoint.TokenVariable}?)" : ""));
                return ExitCodes.UsageError;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return ExitCodes.Interrupted;
            }

            await using (source)
            {
                // Agents choose their own cores: nothing of this machine's is the generator's.
                settings = source.Info is null ? settings : settings with { GeneratorCpus = null };
                return await RunAsync(loaded, scenarios, paths, parsed.GetValue(output), settings, gate, source, interruption, cancellationToken);
            }
        });
        return command;
    }

    private static async Task<int> RunAsync(
        TargetCatalog catalog, IReadOnlyList<Scenario> scenarios, string[] paths, string? output, SweepSettings settings, Func<RunResults, Task<int>>? gate,
        LoadSource source, Interruption? interruption, CancellationToken cancellationToken)
    {
        var startedAt = DateTimeOffset.UtcNow;
        string folder = RunDirectory.Create(output, RunDirectory.DefaultRoot, RunDirectory.NameFor(paths), startedAt);
        var pinning = new PinningInfo(settings.TargetCpus?.ToString(), GeneratorCpuList(settings.GeneratorCpus))
        {
            TargetCpuQuota = settings.TargetCpuQuota,
            NoQuotaReason = settings.TargetCpuQuota is null ? settings.NoQuotaReason : null,
            TargetMemoryLimitBytes = settings.TargetMemoryLimit,
            Cgroup = CgroupHost.System.Describe(settings.TargetCpuQuota is not null, settings.TargetMemoryLimit is not null),
        };
        var info = await RunInfoCollector.CollectAsync(pinning, startedAt, cancellationToken) with
        {
            Cluster = source.Info,
        };
        if (source.Swarm is { } swarm)
        {
            interruption?.OnKill(async () => await swarm.DisposeAsync()); // a second Ctrl-C still removes the services
        }

        var recorder = new RunRecorder(new RunWriter(folder), info);
        Console.WriteLine($"bench run: {scenarios.Count} scenario(s), {(scenarios.Any(s => s.SweepTimeIsUpperBound) ? "up to" : "about")} {scenarios.Sum(s => s.EstimatedSweepTime.TotalSeconds):0} s of load; results in {folder}");
        if (pinning.NoQuotaReason is { } noQuota)
        {
            Console.WriteLine($"bench run: targets run without a CPU quota: {noQuota}");
        }

        foreach (string note in scenarios.Select(settings.PlacementNote).OfType<string>())
        {
            Console.WriteLine($"bench run: {note}");
        }

        SweepOutcome? outcome = null;
        bool failed = false;
        try
        {
            outcome = await SweepAsync(catalog, settings, recorder, scenarios, Path.GetFileName(folder), source, interruption, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl-C before the sweep could report it (say, while removing abandoned containers).
        }
        catch (Exception e)
        {
            // A bug, not bad input: what was measured is still written, the details go to a file, not the screen.
            failed = true;
            string log = Path.Combine(folder, "error.log");
            await File.WriteAllTextAsync(log, e.ToString(), CancellationToken.None);
            await Console.Error.WriteLineAsync($"bench run: stopped by an unexpected error: {e.GetBaseException().Message} (details in {log})");
        }

        // endedAt says "this run finished": never after an error or Ctrl-C (even one during the last level, which the
        // sweep may not notice), so gates and baselines can refuse what is partial.
        bool finished = outcome is { Interrupted: false } && !cancellationToken.IsCancellationRequested;
        if (finished)
        {
            await recorder.CompleteAsync(DateTimeOffset.UtcNow, CancellationToken.None);
        }

        // Charts and report.html even after Ctrl-C: they show whatever was measured.
        var report = await ReportWriter.WriteAsync(folder, recorder.Current, CancellationToken.None);
        Console.WriteLine($"report: {report.HtmlPath}");

        Console.WriteLine($"results: {Path.Combine(folder, ResultsJson.FileName)}, {Path.Combine(folder, SummaryMarkdown.FileName)}");
        if (failed)
        {
            return ExitCodes.InvalidRun; // the run did not finish
        }

        if (!finished)
        {
            Console.Error.WriteLine($"interrupted after {outcome?.Levels ?? 0} level(s); what was measured is written");
            return ExitCodes.Interrupted;
        }

        // With --gate the gates decide, reading only the levels they name (an invalid one of those exits 3).
        if (gate is not null)
        {
            return await gate(recorder.Current);
        }

        if (!outcome!.Valid)
        {
            Console.Error.WriteLine($"the run is invalid: {outcome.InvalidTargets} target(s) failed verification, {outcome.InvalidLevels} level(s) invalid (see invalidReason in results.json)");
            return ExitCodes.InvalidRun;
        }

        return ExitCodes.Success;
    }

    private static async Task<SweepOutcome> SweepAsync(
        TargetCatalog catalog, SweepSettings settings, RunRecorder recorder, IReadOnlyList<Scenario> scenarios, string runName, LoadSource source, Interruption? interruption, CancellationToken cancellationToken)
    {
        bool live = !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"));
        async Task<SweepOutcome> Sweep(ISweepProgress progress)
        {
            // Disposed before the sweep returns: every container this run started is gone by then.
            await using var launcher = TargetLauncher.ForEnvironment(progress.Note, runName, source.Swarm);
            interruption?.OnKill(launcher.Docker.RemoveOwnContainersAsync);
            await launcher.Docker.RemoveAbandonedAsync(cancellationToken);
            var levels = new LevelRunner(source.Generator, settings, progress);
            return await new SweepRunner(catalog, settings, launcher, levels, recorder, progress).RunAsync(scenarios, cancellationToken);
        }

        if (!live)
        {
            return await Sweep(new LineProgress(Console.Out));
        }

        var display = new LiveProgress(AnsiConsole.Console);
        return await display.RunAsync(() => Sweep(display));
    }

    // The engine's own choice of cores, so the results record exactly where the generator ran.
    private static string? GeneratorCpuList(int? count) =>
        count is { } n ? string.Join(',', Bench.Load.Platform.CpuPlacement.Highest(n)) : null;
}
