using System.CommandLine;

namespace Bench.Cli;

/// <summary>`bench gate &lt;run-dir&gt;`: checks a finished run's gates from its results.json alone.</summary>
public static class GateCommand
{
    public static Command Create()
    {
        var run = new Argument<string>("run-dir") { Description = "A run folder (or its results.json)." };
        var arguments = new GateArguments();
        var command = new Command("gate", "Check a run's gates: exit 0 all pass, 1 a gate failed, 2 bad input, 3 the run is invalid for gating.");
        command.Arguments.Add(run);
        arguments.AddTo(command);
        command.SetAction(async (parsed, cancellationToken) =>
        {
            if (await RunResultsInput.TryReadAsync(parsed.GetValue(run)!, "gate", Console.Error, cancellationToken) is not { } results)
            {
                return ExitCodes.UsageError;
            }

            return await GateRun.RunAsync(results, arguments.Options(parsed), GateTable.Console(), Console.Error, cancellationToken);
        });
        return command;
    }
}
