using System.CommandLine;
using System.CommandLine.Invocation;

namespace Bench.Cli;

/// <summary>
/// The one place that keeps exit code 1 meaning "a gate failed": any exception a command does not handle (a bug, a
/// full disk while printing, a cancelled write) becomes one line on stderr and exit 3, and an
/// <see cref="OperationCanceledException"/> after Ctrl-C or SIGTERM becomes 130. System.CommandLine's own handler
/// would print a stack trace and return 1, so it is switched off and every command's action is wrapped.
/// </summary>
public static class CommandGuard
{
    /// <summary>Wraps the action of <paramref name="command"/> and of every subcommand.</summary>
    public static void Protect(Command command, TextWriter stderr) => Protect(command, command is RootCommand ? "bench" : $"bench {command.Name}", stderr);

    /// <summary>Invokes a parsed command line; whatever escapes the commands' own wrappers (help, parsing actions) is handled here.</summary>
    public static async Task<int> InvokeAsync(ParseResult parsed, InvocationConfiguration configuration, TextWriter stderr, CancellationToken cancellationToken = default)
    {
        configuration.EnableDefaultExceptionHandler = false;
        try
        {
            return await parsed.InvokeAsync(configuration, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return await InterruptedAsync("bench", stderr);
        }
        catch (Exception e)
        {
            return await UnexpectedAsync("bench", e, stderr);
        }
    }

    /// <summary>"bench gate: unexpected error (IOException): No space left on device" — what a CI log shows, on one line.</summary>
    public static string Describe(string command, Exception error)
    {
        var root = error is AggregateException { InnerExceptions.Count: 1 } aggregate ? aggregate.InnerExceptions[0] : error;
        return $"{command}: unexpected error ({root.GetType().Name}): {root.Message.ReplaceLineEndings(" ")}";
    }

    private static void Protect(Command command, string name, TextWriter stderr)
    {
        if (command.Action is AsynchronousCommandLineAction action and not GuardedAction)
        {
            command.Action = new GuardedAction(action, name, stderr);
        }

        foreach (var sub in command.Subcommands)
        {
            Protect(sub, $"{name} {sub.Name}", stderr);
        }
    }

    private static async Task<int> UnexpectedAsync(string command, Exception error, TextWriter stderr)
    {
        await TryWriteAsync(stderr, Describe(command, error));
        return ExitCodes.InvalidRun;
    }

    private static async Task<int> InterruptedAsync(string command, TextWriter stderr)
    {
        await TryWriteAsync(stderr, $"{command}: interrupted");
        return ExitCodes.Interrupted;
    }

    // stderr may be what failed (a closed pipe): the exit code must still come out.
    private static async Task TryWriteAsync(TextWriter stderr, string line)
    {
        try
        {
            await stderr.WriteLineAsync(line);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
        }
    }

    private sealed class GuardedAction(AsynchronousCommandLineAction inner, string command, TextWriter stderr) : AsynchronousCommandLineAction
    {
        public override async Task<int> InvokeAsync(ParseResult parseResult, CancellationToken cancellationToken)
        {
            try
            {
                return await inner.InvokeAsync(parseResult, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return await InterruptedAsync(command, stderr);
            }
            catch (Exception e)
            {
                // A timeout's OperationCanceledException lands here too: without Ctrl-C it is an error, not an interruption.
                return await UnexpectedAsync(command, e, stderr);
            }
        }
    }
}
