using System.CommandLine;
using Bench.Launch;

namespace Bench.Cli;

/// <summary>
/// Builds the `bench` command tree and runs it. Parse errors are usage errors: exit code 2; an error no command
/// handles is exit 3, never 1 (<see cref="CommandGuard"/>).
/// </summary>
public static class BenchCli
{
    /// <summary>The program: this process's Ctrl-C and SIGTERM stop whichever command runs (<see cref="Interruption"/>).</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        using var interruption = Interruption.OnSignals(Console.Error);
        return await RunAsync(Create(interruption), args, Console.Error, interruption.Token);
    }

    /// <param name="interruption">The process's signals, for the commands that say what they stop and must still clean up on a second signal; without it, commands stop only through the token given to <see cref="RunAsync(RootCommand, string[], TextWriter, CancellationToken)"/>.</param>
    public static RootCommand Create(Interruption? interruption = null)
    {
        var root = new RootCommand("Bench: measure how sync, thread-per-request and async servers behave as concurrency grows.");
        root.HelpName = "bench"; // the command people type (scripts/bench.sh), not the executable's file name
        root.Subcommands.Add(RunCommand.Create(CatalogFactory, interruption));
        root.Subcommands.Add(TargetsCommand.Create(CatalogFactory));
        root.Subcommands.Add(VerifyCommand.Create(CatalogFactory));
        root.Subcommands.Add(ScenariosCommand.Create(CatalogFactory));
        root.Subcommands.Add(LoadCommand.Create());
        root.Subcommands.Add(AgentCommand.Create(interruption));
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

        // No ProcessTerminationTimeout: System.CommandLine would register its own SIGINT/SIGTERM handler, and after
        // 30 s (or at once, for a signal during start-up) end the process with 130/143 while the command still writes
        // what it measured and stops its targets. The program's Interruption owns the signals instead.
        return await CommandGuard.InvokeAsync(parsed, new InvocationConfiguration { ProcessTerminationTimeout = null }, stderr, cancellationToken);
    }

    private static TargetCatalog CatalogFactory() => TargetCatalog.LoadDefault();
}
