namespace Bench.Servers.Http;

/// <summary>The contract's limits, shared by the hand-written models and Kestrel.</summary>
public static class HttpLimits
{
    /// <summary>Request line plus headers, including the blank line.</summary>
    public const int MaxHeaderBytes = 8 * 1024;

    public const long MaxBodyBytes = 1024 * 1024;

    /// <summary>Receive buffer per connection: room for a full head plus pipelined requests.</summary>
    public const int ReceiveBufferBytes = 16 * 1024;
}
