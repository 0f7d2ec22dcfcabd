namespace Bench.Targets;

/// <summary>How a target ended: its exit code, whether the kernel killed it for exceeding its memory limit, and one line saying so.</summary>
public sealed record TargetExit(int Code, bool OutOfMemory, string Description)
{
    public static TargetExit WithCode(int code) => new(code, false, $"exited with code {code}");
}
