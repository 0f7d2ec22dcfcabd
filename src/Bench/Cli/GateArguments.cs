using System.CommandLine;

namespace Bench.Cli;

/// <summary>The gating options, for `bench gate` and for `bench run` (which adds --gate to switch gating on).</summary>
public sealed class GateArguments
{
    public Option<bool> Gate { get; } = new("--gate") { Description = "After the run, check the scenarios' gates: exit 1 if one fails, 3 if the run is invalid for gating." };

    public Option<string?> Baseline { get; } = new("--baseline") { Description = "Folder of baselines for regression gates (default: results/baselines)." };

    public Option<string?> Junit { get; } = new("--junit") { Description = "Also write the gates as JUnit XML (one test case per check) to this file." };

    public Option<string?> Markdown { get; } = new("--markdown") { Description = "Also write the gates as Markdown to this file ($GITHUB_STEP_SUMMARY, when set, is appended to anyway)." };

    /// <summary>Adds --baseline, --junit and --markdown; with <paramref name="withGateSwitch"/> (for `bench run`) --gate too.</summary>
    public void AddTo(Command command, bool withGateSwitch = false)
    {
        if (withGateSwitch)
        {
            command.Options.Add(Gate);
        }

        command.Options.Add(Baseline);
        command.Options.Add(Junit);
        command.Options.Add(Markdown);
    }

    public bool Enabled(ParseResult parsed) => parsed.GetValue(Gate);

    public GateOptions Options(ParseResult parsed) =>
        GateOptions.FromEnvironment(parsed.GetValue(Baseline), parsed.GetValue(Junit), parsed.GetValue(Markdown));
}
