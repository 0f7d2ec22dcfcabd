namespace Bench.Load.Measurement;

/// <summary>Errors other than an unexpected status, as array indexes for the hot path (names: <see cref="ErrorKinds"/>).</summary>
internal enum ErrorKind
{
    ConnectRefused,
    ConnectTimeout,
    ConnectError,
    RequestTimeout,
    ConnectionClosed,
    ProtocolError,
    BodyMismatch,
}
