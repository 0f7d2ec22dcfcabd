namespace Bench.Servers.Http;

/// <summary>
/// The parsed head of one request. The target is kept as offsets into the connection's
/// buffer so parsing allocates nothing; it is valid until the buffer is compacted.
/// </summary>
public readonly record struct RequestHead(
    bool IsGet,
    int TargetStart,
    int TargetLength,
    bool KeepAlive,
    long ContentLength,
    int HeaderLength);
