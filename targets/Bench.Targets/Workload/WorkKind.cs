namespace Bench.Servers.Workload;

public enum WorkKind
{
    /// <summary>The response is ready; nothing to wait for.</summary>
    Respond,

    /// <summary>Simulated I/O: each model waits its own way (sleep, or a timer).</summary>
    Io,

    /// <summary>The anti-pattern: block the handling thread in every model.</summary>
    Block,

    /// <summary>Chained SHA-256 rounds, optionally yielding to the scheduler.</summary>
    Cpu,

    /// <summary>The server's own statistics.</summary>
    Info,
}
