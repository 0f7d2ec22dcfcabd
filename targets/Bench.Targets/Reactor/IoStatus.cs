namespace Bench.Servers.Reactor;

/// <summary>How a non-blocking receive or flush went.</summary>
public enum IoStatus
{
    /// <summary>Bytes received, or everything pending sent.</summary>
    Done,

    /// <summary>Nothing to read yet, or the send buffer is full: wait for readiness.</summary>
    WouldBlock,

    /// <summary>The peer closed, the connection failed, or it was closed here.</summary>
    Closed,
}
