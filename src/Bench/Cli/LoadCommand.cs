using System.CommandLine;
using Bench.Load;

namespace Bench.Cli;

/// <summary>`bench load &lt;url&gt;`: one ad hoc load, wrk-style, against a loopback URL.</summary>
public static class LoadCommand
{
    public static Command Create()
    {
        var arguments = new LoadArguments();
        var command = new Command("load", "Send load to one loopback URL (closed or open model) and print throughput, latency percentiles and errors.");
        arguments.AddTo(command);
        command.SetAction(async (parsed, cancellationToken) =>
        {
            string? json = parsed.GetValue(arguments.Json);
            if (!arguments.TryBuild(parsed, out var options, out string error))
            {
                await Console.Error.WriteLineAsync($"bench load: {error}");
                return ExitCodes.UsageError;
            }

            LoadResult result;
            try
            {
                var progress = Console.IsErrorRedirected ? null : new Progress<LoadProgress>(p =>
                    Console.Error.Write($"\r  {p.Elapsed.TotalSeconds,5:0} s  {(p.Warmup ? "warming up" : $"{p.RecentRps,10:N0} req/s  {p.Requests,12:N0} requests  {p.Errors:N0} errors")}   "));
                result = await new LoadEngine().RunAsync(options, progress, cancellationToken);
                if (progress is not null)
                {
                    await Console.Error.WriteLineAsync();
                }
            }
            catch (Exception e) when (e is ArgumentException or PlatformNotSupportedException or IOException)
            {
                await Console.Error.WriteLineAsync($"bench load: {e.Message.ReplaceLineEndings(" ")}");
                return ExitCodes.UsageError;
            }

            LoadSummary.Print(result, Console.Out);
            if (json is not null)
            {
                try
                {
                    await LoadJson.From(result).WriteAsync(json, CancellationToken.None);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    await Console.Error.WriteLineAsync($"bench load: cannot write {json}: {e.Message}");
                    return ExitCodes.UsageError;
                }
            }

            return result.StopReason == StopReason.Cancelled ? ExitCodes.Interrupted
                : result.Generator.Saturated || result.Open is { RateReached: false } ? ExitCodes.InvalidRun
                : ExitCodes.Success;
        });
        return command;
    }
}
