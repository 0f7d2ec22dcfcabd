namespace Bench.Cli;

/// <summary>The same exit codes for every command (README, "Exit codes").</summary>
public static class ExitCodes
{
    public const int Success = 0;
    public const int GateFailed = 1;
    public const int UsageError = 2;
    public const int InvalidRun = 3;
    public const int Interrupted = 130;
}
