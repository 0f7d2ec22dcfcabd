namespace Bench.Load.Engine;

/// <summary>Where a connection (a virtual user, in the closed model) is in its request cycle.</summary>
internal enum ConnectionState
{
    /// <summary>No socket and nothing to do (a free open-model slot).</summary>
    Closed,

    /// <summary>Connect started, waiting for the socket to become writable.</summary>
    Connecting,

    /// <summary>The request did not fit into the socket buffer at once; waiting to write the rest.</summary>
    Sending,

    /// <summary>Request sent, reading the response.</summary>
    Awaiting,

    /// <summary>Open socket, no request.</summary>
    Idle,

    /// <summary>Closed model: waiting on a timer (think time, ramp-up, back-off); the socket may be open.</summary>
    Thinking,

    /// <summary>Closed model: all iterations done.</summary>
    Done,
}
