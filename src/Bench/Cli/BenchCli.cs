using System.CommandLine;
using Bench.Targets;

namespace Bench.Cli;

/// <summary>Builds the `bench` command tree and runs it. Parse errors are usage errors: exit code 2.</summary>
public static class BenchCli
{
    public static async Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("Bench: measure how sync, thread-per-request and async servers behave as concurrency grows.");
        root.HelpName = "bench"; // the command people type (scripts/bench.sh), not the executable's file name
        root.Subcommands.Add(RunCommand.Create(CatalogFactory));
        root.Subcommands.Add(TargetsCommand.Create(CatalogFactory));
        root.Subcommands.Add(VerifyCommand.Create(CatalogFactory));
        root.Subcommands.Add(ScenariosCommand.Create(CatalogFactory));
        root.Subcommands.Add(LoadCommand.Create());
        root.Subcommands.Add(ReportCommand.Create());
        root.Subcommands.Add(GateCommand.Create());
        root.Subcommands.Add(BaselineCommand.Create(TimeProvider.System));
        root.Subcommands.Add(CompareCommand.Create());

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                await Console.Error.WriteLineAsync($"bench: {error.Message}");
            }

            await Console.Error.WriteLineAsync("Run 'bench --help' for usage.");
            return ExitCodes.UsageError;
        }

        // Commands stop their load, write what they measured and stop their targets on Ctrl-C; give them time to.
        return await parsed.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(30) });
    }

    private static TargetCatalog CatalogFactory() => TargetCatalog.LoadDefault();
}
