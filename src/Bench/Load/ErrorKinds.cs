namespace Bench.Load;

/// <summary>The keys of <see cref="LoadResult.Errors"/>: one per way a request can fail.</summary>
public static class ErrorKinds
{
    /// <summary>Nothing listens on the port (ECONNREFUSED).</summary>
    public const string ConnectRefused = "connectRefused";

    /// <summary>The connection was not established within the connect timeout.</summary>
    public const string ConnectTimeout = "connectTimeout";

    /// <summary>Any other failure to open a connection (out of ports, file descriptors, …).</summary>
    public const string ConnectError = "connectError";

    /// <summary>No complete response within the timeout, or still none when the run ended after waiting longer than it.</summary>
    public const string RequestTimeout = "requestTimeout";

    /// <summary>The server reset or closed the connection before the response was complete.</summary>
    public const string ConnectionClosed = "connectionClosed";

    /// <summary>The response was not HTTP/1.x or its framing was broken.</summary>
    public const string ProtocolError = "protocolError";

    /// <summary>The status was expected but the body differed from the expected one.</summary>
    public const string BodyMismatch = "bodyMismatch";

    /// <summary>An unexpected status code, counted per code: "status404", "status500", …</summary>
    public static string Status(int code) => $"status{code}";
}
