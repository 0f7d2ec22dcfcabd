using Bench.Servers.Http;

namespace Bench.Servers.Redis;

/// <summary>
/// What /redis answers, the same in every model and language: the value of a GET, <c>(nil)</c> for a missing key, <c>OK</c>
/// for a SET; a Redis that is down or answers an error is a 503 with one line, never a crash.
/// </summary>
public static class RedisReplies
{
    public static readonly Response Nil = new(200, "(nil)"u8.ToArray());

    public static readonly Response NotConfigured = Response.Text(503, "redis: not configured (start the target with --redis <port>)\n");

    public static Response Value(ReadOnlyMemory<byte> value) => new(200, value);

    public static Response Unavailable(string reason) => Response.Text(503, $"redis: {OneLine(reason)}\n");

    /// <summary>
    /// The first line of a message up to its first ';', cut to 200 characters: StackExchange.Redis appends its whole
    /// diagnostics ("; UnableToConnect on …, last: NONE, …") to the sentence that says what happened.
    /// </summary>
    public static string OneLine(string text)
    {
        int end = text.IndexOfAny(['\r', '\n', ';']);
        string line = end < 0 ? text : text[..end];
        return line.Length <= 200 ? line : line[..200];
    }
}
