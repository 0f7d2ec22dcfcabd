using Bench.Load.Measurement;

namespace Bench.Load.Engine;

/// <summary>What <see cref="ConnectionIo"/> reports back to its worker: the three ways a step can end.</summary>
internal interface IConnectionEvents
{
    /// <summary>The connection is established (a request on it has not been sent yet).</summary>
    void Connected(Connection connection, long now);

    /// <summary>A whole response was read; the parser holds its status and checks.</summary>
    void Completed(Connection connection, long now);

    /// <summary>The request or connect failed; the socket is already closed.</summary>
    void Failed(Connection connection, ErrorKind kind, long now);
}
