using System.CommandLine;
using Bench.Configuration;
using Bench.Launch;
using Spectre.Console;

namespace Bench.Cli;

/// <summary>`bench targets`: lists the catalogue, its proxies last.</summary>
public static class TargetsCommand
{
    public static Command Create(Func<TargetCatalog> catalog)
    {
        var command = new Command("targets", "List the targets Bench can launch.");
        command.SetAction(async (_, _) =>
        {
            if (await InputErrors.TryLoadAsync(catalog, Console.Error) is not { } loaded)
            {
                return ExitCodes.UsageError;
            }

            // The name is what a scenario types: never broken across lines, however narrow the terminal.
            var table = new Table().AddColumns(new TableColumn("target").NoWrap(), new("kind"), new("what it is"), new("command"), new("serves"), new TableColumn("differs").NoWrap(), new("available"));
            foreach (var target in loaded.Targets)
            {
                table.AddRow(
                    Markup.Escape(target.Name),
                    target.Container is { } container ? $"docker, {ByteSizeText.Format(container.MemoryBytes)}" : "process",
                    Markup.Escape(target.Description),
                    Markup.Escape(string.Join(' ', target.Command.Select(Path.GetFileName))),
                    Markup.Escape(string.Join(' ', target.Supports)),
                    // How many contract checks it answers its own way; docs/targets.md lists them with the reasons.
                    target.Differences.Count == 0 ? "-" : target.Differences.Count.ToString(),
                    Markup.Escape(target.MissingRequirement() ?? "yes"));
            }

            // The proxies a scenario may put in front of replicas of a target (docs/stack.md), as the scenario names them.
            foreach (var proxy in loaded.Proxies)
            {
                table.AddRow(
                    Markup.Escape($"proxy: {proxy.Name}"),
                    "proxy",
                    Markup.Escape(proxy.Server.Description),
                    Markup.Escape(string.Join(' ', proxy.Server.Command.Select(Path.GetFileName))),
                    "in front of replicas",
                    proxy.Server.Differences.Count == 0 ? "-" : proxy.Server.Differences.Count.ToString(),
                    Markup.Escape(proxy.Server.MissingRequirement() ?? "yes"));
            }

            AnsiConsole.Write(table);
            return ExitCodes.Success;
        });
        return command;
    }
}
