using System.CommandLine;
using System.Net;
using Bench.Cluster;
using Bench.Launch.Sampling;
using Bench.Load;

namespace Bench.Cli;

/// <summary>`bench agent`: serve load commands from a controller (`bench run --agents`, or a cluster run) until Ctrl-C or SIGTERM.</summary>
public static class AgentCommand
{
    public const string DefaultListen = "127.0.0.1:7450";

    /// <param name="interruption">The process's signals, told what a first one stops; stopping itself comes through the action's token.</param>
    public static Command Create(Interruption? interruption = null)
    {
        var listen = new Option<string>("--listen") { Description = $"Address and port to listen on (default {DefaultListen}; port 0 picks one). Beyond loopback, ${AgentEndpoint.TokenVariable} must hold a token of 16+ characters.", DefaultValueFactory = _ => DefaultListen };
        var proc = new Option<string?>("--proc") { Description = "Also sample processes of this host for a controller, from this /proc (the host's, as mounted into the agent's container: /host/proc). Without it, sampling is refused." };
        var command = new Command("agent", $"Run the load engine as an agent: a controller gives it a share of each level and a start instant, it answers raw histograms. Loads only loopback and the hosts in ${AllowedHosts.Variable}.");
        command.Options.Add(listen);
        command.Options.Add(proc);
        command.SetAction(async (parsed, cancellationToken) =>
        {
            string text = parsed.GetValue(listen)!;
            if (!IPEndPoint.TryParse(text, out var endpoint) || text.IndexOf(':', StringComparison.Ordinal) < 0)
            {
                await Console.Error.WriteLineAsync($"bench agent: --listen '{text}' is not an address and port, like {DefaultListen} or 0.0.0.0:7450");
                return ExitCodes.UsageError;
            }

            string? token = Environment.GetEnvironmentVariable(AgentEndpoint.TokenVariable);
            if ((AgentServer.Problem(endpoint, token) ?? AllowedHosts.Problem) is { } problem)
            {
                await Console.Error.WriteLineAsync($"bench agent: {problem}");
                return ExitCodes.UsageError;
            }

            string? procRoot = parsed.GetValue(proc);
            if (procRoot is not null && !File.Exists(Path.Combine(procRoot, "stat")))
            {
                await Console.Error.WriteLineAsync($"bench agent: --proc '{procRoot}' is not a /proc: it has no stat file");
                return ExitCodes.UsageError;
            }

            interruption?.Stopping = "stopping the agent and the shares it runs";
            var server = new AgentServer(endpoint, string.IsNullOrEmpty(token) ? null : token, Console.Out, procFs: procRoot is null ? null : new ProcFs(procRoot));
            try
            {
                await server.RunAsync(bound => Console.WriteLine($"bench agent: listening on {bound}"), cancellationToken);
            }
            catch (System.Net.Sockets.SocketException e)
            {
                await Console.Error.WriteLineAsync($"bench agent: cannot listen on {endpoint}: {e.Message}");
                return ExitCodes.UsageError;
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
