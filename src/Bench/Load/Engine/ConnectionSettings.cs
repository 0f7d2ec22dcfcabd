namespace Bench.Load.Engine;

/// <summary>
/// What <see cref="ConnectionIo"/> needs of its owner besides the connections: the timeouts (Stopwatch ticks) and
/// whether each request gets a socket of its own. A worker takes them from its run's plan; Bench.Sdk's HTTP loop from
/// its client's options. What to send, and where, travels on each <see cref="Connection"/>.
/// </summary>
internal sealed record ConnectionSettings(long TimeoutTicks, long ConnectTimeoutTicks, bool ClosePerRequest);
