using System.CommandLine;
using Bench.Launch;

namespace Bench.Cli;

/// <summary>
/// Builds the `bench` command tree and runs it. Parse errors are usage errors: exit code 2; an error no command
/// handles is exit 3, never 1 (<see cref="CommandGuard"/>).
/// </summary>
public static class BenchCli
{
    public static Task<int> RunAsync(string[] args) => RunAsync(Create(), args, Console.Error);

    public static RootCommand Create()
    {
        var root = new RootCommand("Bench: measure how sync, thread-per-request and async servers behave as concurrency grows.");
        root.HelpName = "bench"; // the command people type (scripts/bench.sh), not the executable's file name
        root.Subcommands.Add(RunCommand.Create(CatalogFactory));
        root.Subcommands.Add(TargetsCommand.Create(CatalogFactory));
        root.Subcommands.Add(VerifyCommand.Create(CatalogFactory));
        root.Subcommands.Add(ScenariosCommand.Create(CatalogFactory));
        root.Subcommands.Add(LoadCommand.Create());
        root.Subcommands.Add(AgentCommand.Create());
        root.Subcommands.Add(ReportCommand.Create());
        root.Subcommands.Add(GateCommand.Create());
        root.Subcommands.Add(BaselineCommand.Create(TimeProvider.System));
        root.Subcommands.Add(CompareCommand.Create());
        return root;
    }

    /// <summary>Parses and runs <paramref name="args"/> against <paramref name="root"/>, every command guarded.</summary>
    public static async Task<int> RunAsync(RootCommand root, string[] args, TextWriter stderr, CancellationToken cancellationToken = default)
    {
        CommandGuard.Protect(root, stderr);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                await stderr.WriteLineAsync($"bench: {error.Message}");
            }

            await stderr.WriteLineAsync("Run 'bench --help' for usage.");
            return ExitCodes.UsageError;
        }

        // Commands stop their load, write what they measured and stop their targets on Ctrl-C; give them time to.
        return await CommandGuard.InvokeAsync(parsed, new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(30) }, stderr, cancellationToken);
    }

    private static TargetCatalog CatalogFactory() => TargetCatalog.LoadDefault();
}
