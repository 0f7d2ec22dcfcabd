using System.CommandLine;
using Bench.Launch;
using Bench.Launch.Verification;
using Spectre.Console;

namespace Bench.Cli;

/// <summary>`bench verify [names]`: launches each target, checks it against the contract, stops it.</summary>
public static class VerifyCommand
{
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(5);

    public static Command Create(Func<TargetCatalog> catalog)
    {
        var names = new Argument<string[]>("targets") { Description = "Targets to verify (default: all).", Arity = ArgumentArity.ZeroOrMore };
        var readyTimeout = new Option<double>("--ready-timeout") { Description = "Seconds a target may take to start listening.", DefaultValueFactory = _ => 15 };
        var command = new Command("verify", "Launch targets and check each one against the target contract; exit 3 if any fails.");
        command.Arguments.Add(names);
        command.Options.Add(readyTimeout);
        command.SetAction(async (parsed, cancellationToken) =>
        {
            if (await InputErrors.TryLoadAsync(catalog, Console.Error) is not { } loaded)
            {
                return ExitCodes.UsageError;
            }

            if (!loaded.TryResolve(parsed.GetValue(names) ?? [], out var targets, out string error))
            {
                await Console.Error.WriteLineAsync($"bench verify: {error}");
                return ExitCodes.UsageError;
            }

            var results = new List<VerificationResult>();
            await using var launcher = TargetLauncher.ForEnvironment(Console.Error.WriteLine, "verify");
            foreach (var target in targets)
            {
                Console.WriteLine($"verifying {target.Name} …");
                results.Add(await VerifyOneAsync(launcher, target, TimeSpan.FromSeconds(parsed.GetValue(readyTimeout)), cancellationToken));
                if (cancellationToken.IsCancellationRequested)
                {
                    return ExitCodes.Interrupted;
                }
            }

            Print(results);
            return results.All(r => r.Valid) ? ExitCodes.Success : ExitCodes.InvalidRun;
        });
        return command;
    }

    public static async Task<VerificationResult> VerifyOneAsync(TargetLauncher launcher, TargetDefinition target, TimeSpan readyTimeout, CancellationToken cancellationToken)
    {
        try
        {
            await using var process = await launcher.StartAsync(target, new TargetLaunchOptions { ReadyTimeout = readyTimeout }, cancellationToken);
            var checks = await new ContractVerifier(TimeSpan.FromSeconds(5)).VerifyAsync(process.Port, target.Supports, target.Differences, cancellationToken);
            int exitCode = await process.StopAsync(StopGrace);
            var stop = new CheckResult("clean exit on SIGTERM", exitCode == 0, exitCode == 0 ? "ok" : StopFailure(exitCode, process.StderrTail));
            return new VerificationResult(target.Name, [.. checks, stop]);
        }
        catch (TargetStartException e)
        {
            return new VerificationResult(target.Name, [], e.Message);
        }
    }

    /// <summary>"exit code 137 (killed: still running 5 s after SIGTERM); its stderr ended: …", for a target that did not stop cleanly.</summary>
    internal static string StopFailure(int exitCode, string stderrTail)
    {
        string killed = exitCode == 137 ? $" (killed: still running {StopGrace.TotalSeconds:0} s after SIGTERM)" : "";
        string[] lines = stderrTail.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return $"exit code {exitCode}{killed}" + (lines.Length == 0 ? "" : $"; its stderr ended: {string.Join(" | ", lines.TakeLast(3))}");
    }

    private static void Print(IReadOnlyList<VerificationResult> results)
    {
        var table = new Table().AddColumns("target", "result", "checks passed", "failures");
        foreach (var result in results)
        {
            table.AddRow(
                Markup.Escape(result.Target),
                result.Valid ? "[green]valid[/]" : "[red]INVALID[/]",
                $"{result.Checks.Count(c => c.Passed)}/{result.Checks.Count}",
                Markup.Escape(result.Valid ? "" : result.Reason));
        }

        AnsiConsole.Write(table);
    }
}
