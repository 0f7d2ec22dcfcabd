namespace Bench.Launch;

/// <summary>How a target ended: its exit code, whether the kernel killed it for exceeding its memory limit, and one line saying so.</summary>
public sealed record TargetExit(int Code, bool OutOfMemory, string Description)
{
    public static TargetExit WithCode(int code) => new(code, false, $"exited with code {code}");

    /// <summary>Killed by the kernel for exceeding its memory limit: says which limit, and what to change.</summary>
    public static TargetExit KilledForMemory(int code, long? limitBytes)
    {
        string limit = limitBytes is { } bytes ? $" of {Configuration.ByteSizeText.Format(bytes)}" : "";
        return new TargetExit(code, true,
            $"was killed for exceeding its memory limit{limit} (out of memory, exit code {code}); raise it (memory: in targets.yaml, or bench run --target-memory)");
    }
}
