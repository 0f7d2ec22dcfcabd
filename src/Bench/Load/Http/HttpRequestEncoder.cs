using System.Text;

namespace Bench.Load.Http;

/// <summary>
/// Encodes the one request a run sends, once: every connection writes the same bytes, so the hot path never
/// formats anything. Only what is asked for goes on the wire (like wrk: request line, Host, the caller's headers).
/// </summary>
public static class HttpRequestEncoder
{
    public static byte[] Encode(string method, string pathAndQuery, string host, IReadOnlyList<KeyValuePair<string, string>> headers, ReadOnlyMemory<byte> body, bool close)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        Check(method, "method", allowSpace: false);
        Check(pathAndQuery, "path", allowSpace: false);
        if (!pathAndQuery.StartsWith('/'))
        {
            throw new ArgumentException($"the request path must start with '/': '{pathAndQuery}'", nameof(pathAndQuery));
        }

        var head = new StringBuilder();
        head.Append(method).Append(' ').Append(pathAndQuery).Append(" HTTP/1.1\r\n");
        bool hasHost = false;
        foreach (var (name, value) in headers)
        {
            Check(name, "header name", allowSpace: false);
            Check(value, "header value", allowSpace: true);
            if (name.Length == 0 || name.Contains(':', StringComparison.Ordinal))
            {
                throw new ArgumentException($"bad header name '{name}'", nameof(headers));
            }

            bool framing = name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase) || name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase)
                || name.Equals("Connection", StringComparison.OrdinalIgnoreCase);
            if (framing)
            {
                throw new ArgumentException($"header '{name}' is set by the engine (body length, --close)", nameof(headers));
            }

            hasHost |= name.Equals("Host", StringComparison.OrdinalIgnoreCase);
            head.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        if (!hasHost)
        {
            head.Append("Host: ").Append(host).Append("\r\n");
        }

        if (!body.IsEmpty)
        {
            head.Append("Content-Length: ").Append(body.Length).Append("\r\n");
        }

        if (close)
        {
            head.Append("Connection: close\r\n");
        }

        head.Append("\r\n");
        return [.. Encoding.Latin1.GetBytes(head.ToString()), .. body.Span];
    }

    private static void Check(string text, string what, bool allowSpace)
    {
        foreach (char c in text)
        {
            if (c is '\r' or '\n' or '\0' || c > '\u00ff' || (!allowSpace && c is ' ' or '\t'))
            {
                throw new ArgumentException($"bad character in the {what}: '{text}'", what);
            }
        }
    }
}
