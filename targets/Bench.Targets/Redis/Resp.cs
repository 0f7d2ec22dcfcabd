using System.Buffers.Text;
using System.Text;
using Bench.Servers.Http;

namespace Bench.Servers.Redis;

/// <summary>
/// The little of RESP (Redis's protocol) the reactor's own client needs, free of I/O: a GET or SET as an array of bulk
/// strings, and one reply — a simple string (+OK), an error (-ERR …), a bulk string or nil ($-1) — parsed from a buffer.
/// </summary>
public static class Resp
{
    /// <summary>GET key, or SET key value.</summary>
    public static byte[] Command(string key, string? value)
    {
        var text = new StringBuilder();
        string[] parts = value is null ? ["GET", key] : ["SET", key, value];
        text.Append('*').Append(parts.Length).Append("\r\n");
        foreach (string part in parts)
        {
            text.Append('$').Append(Encoding.ASCII.GetByteCount(part)).Append("\r\n").Append(part).Append("\r\n");
        }

        return Encoding.ASCII.GetBytes(text.ToString());
    }

    /// <summary>
    /// True with the answer when <paramref name="buffer"/> holds a whole reply (<paramref name="used"/> bytes of it); false
    /// while it is incomplete. A reply of a kind GET and SET never get is an answer too: a 503 naming it.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> buffer, out Response answer, out int used)
    {
        answer = default;
        used = 0;
        int lineEnd = buffer.IndexOf("\r\n"u8);
        if (lineEnd < 0)
        {
            return false;
        }

        var line = buffer[1..lineEnd];
        switch (buffer[0])
        {
            case (byte)'+':
                answer = line.SequenceEqual("OK"u8) ? Workload.Router.Ok : new Response(200, line.ToArray());
                used = lineEnd + 2;
                return true;
            case (byte)'-':
                answer = RedisReplies.Unavailable(Encoding.ASCII.GetString(line));
                used = lineEnd + 2;
                return true;
            case (byte)'$' when Utf8Parser.TryParse(line, out int length, out int digits) && digits == line.Length:
                if (length < 0)
                {
                    answer = RedisReplies.Nil;
                    used = lineEnd + 2;
                    return true;
                }

                int end = lineEnd + 2 + length + 2;
                if (buffer.Length < end)
                {
                    return false;
                }

                answer = RedisReplies.Value(buffer.Slice(lineEnd + 2, length).ToArray());
                used = end;
                return true;
            default:
                answer = RedisReplies.Unavailable($"unexpected reply '{Encoding.ASCII.GetString(buffer[..lineEnd])}'");
                used = lineEnd + 2;
                return true;
        }
    }
}
