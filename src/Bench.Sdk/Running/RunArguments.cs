namespace Bench.Sdk.Running;

/// <summary>The command line a code-first scenario program takes: --out, --baseline, --help.</summary>
internal sealed record RunArguments(string? Out, string? Baseline, bool Help)
{
    public const string Usage = "usage: <program> [--out <run-dir>] [--baseline <dir>] [--help]  (exit 0 ok, 1 a threshold failed, 2 bad input, 3 invalid run, 130 interrupted)";

    public static RunArguments? Parse(string[] args, out string? error)
    {
        string? output = null, baseline = null;
        bool help = false;
        error = null;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--help" or "-h":
                    help = true;
                    break;
                case "--out" or "--baseline" when i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal):
                    if (args[i] == "--out")
                    {
                        output = args[++i];
                    }
                    else
                    {
                        baseline = args[++i];
                    }

                    break;
                case "--out" or "--baseline":
                    error = $"{args[i]} needs a folder";
                    return null;
                default:
                    error = $"unknown argument '{args[i]}'";
                    return null;
            }
        }

        return new RunArguments(output, baseline, help);
    }
}
