namespace Bench.Launch;

/// <summary>
/// Sends the AMQP 0-9-1 protocol header to a broker on 127.0.0.1 and reads the first frame: a broker that accepts
/// connections answers with Connection.Start (a method frame on channel 0, class 10, method 10). How Bench knows a RabbitMQ
/// dependency is ready (it opens its AMQP listener last, once it has booted) and that it still is before a level.
/// </summary>
public static class AmqpHandshake
{
    private static readonly byte[] ProtocolHeader = "AMQP\0\0\u0009\u0001"u8.ToArray();
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(2);

    // Frame header (type 1 = method, channel 0, a 4-byte size), then the method's class id 10 and method id 10.
    private const int Needed = 11;

    /// <summary>True when the broker answers the protocol header with Connection.Start within <paramref name="timeout"/>.</summary>
    public static async Task<bool> AnswersAsync(int port, TimeSpan timeout, CancellationToken cancellationToken) =>
        await LoopbackExchange.AskAsync(port, ProtocolHeader, Needed, static (_, length) => length >= Needed, timeout, cancellationToken) is { } frame
        && IsConnectionStart(frame);

    /// <summary>A method frame on channel 0 whose method is Connection.Start (10, 10).</summary>
    public static bool IsConnectionStart(ReadOnlySpan<byte> frame) =>
        frame.Length >= Needed && frame[0] == 1 && frame[1] == 0 && frame[2] == 0 && frame[7] == 0 && frame[8] == 10 && frame[9] == 0 && frame[10] == 10;

    /// <summary>Tries the handshake every <paramref name="interval"/> until the broker answers it.</summary>
    public static Task WaitAsync(int port, TimeSpan interval, CancellationToken cancellationToken) =>
        LoopbackExchange.WaitAsync(ct => AnswersAsync(port, AttemptTimeout, ct), interval, cancellationToken);
}
