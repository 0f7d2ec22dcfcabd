namespace Bench.Servers.Http;

/// <summary>The contract's limits, shared by the hand-written models and Kestrel.</summary>
public static class HttpLimits
{
    /// <summary>Request line plus headers, including the blank line.</summary>
    public const int MaxHeaderBytes = 8 * 1024;

    public const long MaxBodyBytes = 1024 * 1024;

    /// <summary>The most a connection's receive buffer grows to: room for a full head plus pipelined requests.</summary>
    public const int ReceiveBufferBytes = 16 * 1024;

    /// <summary>
    /// A connection's receive buffer to begin with: a request head of the contract is ~100 bytes, and ten thousand idle
    /// connections should not each hold (and have the GC copy) 16 KiB; it doubles when a head does not fit.
    /// </summary>
    public const int InitialReceiveBytes = 1024;
}
