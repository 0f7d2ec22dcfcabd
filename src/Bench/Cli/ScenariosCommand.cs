using System.CommandLine;
using Bench.Configuration;
using Bench.Scenarios;
using Bench.Launch;
using Spectre.Console;

namespace Bench.Cli;

/// <summary>`bench scenarios validate [files…]`: loads scenario files as a run would, launching nothing.</summary>
public static class ScenariosCommand
{
    public static Command Create(Func<TargetCatalog> catalog)
    {
        var files = new Argument<string[]>("files") { Description = "Scenario files, or folders of them (a folder: its *.yaml; default: every scenarios/*.yaml).", Arity = ArgumentArity.ZeroOrMore };
        var validate = new Command("validate", "Check scenario files against the format and the target catalogue; exit 2 with file:line:column errors.");
        validate.Arguments.Add(files);
        validate.SetAction(async (parsed, _) =>
        {
            if (await InputErrors.TryLoadAsync(catalog, Console.Error) is not { } loaded)
            {
                return ExitCodes.UsageError;
            }

            string[] paths = parsed.GetValue(files) is { Length: > 0 } given ? given : DefaultFiles();
            IReadOnlyList<Scenario> scenarios;
            try
            {
                scenarios = new ScenarioLoader(loaded).LoadFiles(paths);
            }
            catch (InputException e)
            {
                return await InputErrors.ReportAsync(e, Console.Error);
            }

            Print(scenarios);
            return ExitCodes.Success;
        });

        var command = new Command("scenarios", "Work with scenario files.");
        command.Subcommands.Add(validate);
        return command;
    }

    private static string[] DefaultFiles()
    {
        string folder = Path.Combine(TargetsBinary.RepositoryRoot(), "scenarios");
        // Relative paths make the error locations short and clickable from where bench was run.
        return Directory.Exists(folder)
            ? Directory.GetFiles(folder, "*.yaml", SearchOption.AllDirectories).Order().Select(f => Path.GetRelativePath(Environment.CurrentDirectory, f)).ToArray()
            : [];
    }

    private static void Print(IReadOnlyList<Scenario> scenarios)
    {
        var table = new Table().AddColumns("scenario", "where", "request", "targets", "load", "sweep time");
        foreach (var s in scenarios)
        {
            table.AddRow(
                Markup.Escape(s.Name),
                Markup.Escape(s.Source.ToString()),
                Markup.Escape($"{s.Request.Method} {s.Request.Path}"),
                Markup.Escape(string.Join(' ', s.Targets)),
                Markup.Escape($"{s.Load.Model.ToString().ToLowerInvariant()} {string.Join(',', s.Load.Levels)}"),
                $"{(s.SweepTimeIsUpperBound ? "up to " : "")}{s.EstimatedSweepTime.TotalSeconds:0} s");
        }

        AnsiConsole.Write(table);
        Console.WriteLine($"{scenarios.Count} scenarios valid; sweeping them takes {(scenarios.Any(s => s.SweepTimeIsUpperBound) ? "up to" : "about")} {scenarios.Sum(s => s.EstimatedSweepTime.TotalSeconds):0} s plus target start-up.");
    }
}
