using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace Bench.Servers.Http;

/// <summary>
/// A strict, allocation-free HTTP/1.1 request-head parser. Anything it does not understand
/// is an error with a status, never an exception: servers must survive any input.
/// </summary>
public static class HttpRequestParser
{
    private static readonly SearchValues<byte> TokenChars = SearchValues.Create(
        "!#$%&'*+-.^_`|~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"u8);

    // VCHAR plus obs-text: what a request-target may hold (no spaces, no controls).
    private static readonly SearchValues<byte> TargetChars = SearchValues.Create(Range(0x21, 0x7E).Concat(Range(0x80, 0xFF)).ToArray());

    // Field values: VCHAR, SP, HTAB and obs-text.
    private static readonly SearchValues<byte> ValueChars = SearchValues.Create(Range(0x20, 0x7E).Concat(Range(0x80, 0xFF)).Append((byte)'\t').ToArray());

    public static ParseStatus TryParse(ReadOnlySpan<byte> buffer, out RequestHead head, out HttpError error)
    {
        head = default;
        error = default;

        int lineEnd = buffer.IndexOf("\r\n"u8);
        if (lineEnd < 0)
        {
            return buffer.Length >= HttpLimits.MaxHeaderBytes ? Fail(431, "request head too large", out error) : ParseStatus.Incomplete;
        }

        // Judge the request line as soon as it is complete, so garbage is rejected at once.
        if (!TryParseRequestLine(buffer[..lineEnd], out bool isGet, out int targetStart, out int targetLength, out bool http11, out error))
        {
            return ParseStatus.Error;
        }

        int headEnd = buffer.IndexOf("\r\n\r\n"u8);
        if (headEnd < 0 || headEnd + 4 > HttpLimits.MaxHeaderBytes)
        {
            bool tooLarge = headEnd >= 0 || buffer.Length >= HttpLimits.MaxHeaderBytes;
            return tooLarge ? Fail(431, "request head too large", out error) : ParseStatus.Incomplete;
        }

        bool keepAlive = http11;
        long contentLength = 0;
        bool sawContentLength = false;
        var fields = headEnd == lineEnd ? [] : buffer[(lineEnd + 2)..(headEnd + 2)];
        while (!fields.IsEmpty)
        {
            int end = fields.IndexOf("\r\n"u8);
            var line = fields[..end];
            fields = fields[(end + 2)..];

            int colon = line.IndexOf((byte)':');
            if (colon <= 0 || line[..colon].ContainsAnyExcept(TokenChars))
            {
                return Fail(400, "malformed header line", out error);
            }

            var name = line[..colon];
            var value = line[(colon + 1)..].Trim(" \t"u8);
            if (value.ContainsAnyExcept(ValueChars))
            {
                return Fail(400, "invalid character in header value", out error);
            }

            if (Ascii.EqualsIgnoreCase(name, "Content-Length"u8))
            {
                if (!Utf8Parser.TryParse(value, out long length, out int used) || used != value.Length || length < 0
                    || (sawContentLength && length != contentLength))
                {
                    return Fail(400, "invalid Content-Length", out error);
                }

                sawContentLength = true;
                contentLength = length;
            }
            else if (Ascii.EqualsIgnoreCase(name, "Transfer-Encoding"u8))
            {
                return Fail(501, "Transfer-Encoding is not supported", out error);
            }
            else if (Ascii.EqualsIgnoreCase(name, "Connection"u8) && HasToken(value, "close"u8))
            {
                keepAlive = false;
            }
        }

        if (contentLength > HttpLimits.MaxBodyBytes)
        {
            return Fail(413, "request body too large", out error);
        }

        head = new RequestHead(isGet, targetStart, targetLength, keepAlive, contentLength, headEnd + 4);
        return ParseStatus.Complete;
    }

    private static bool TryParseRequestLine(
        ReadOnlySpan<byte> line, out bool isGet, out int targetStart, out int targetLength, out bool http11, out HttpError error)
    {
        isGet = false;
        targetStart = targetLength = 0;
        http11 = false;
        error = default;

        int sp1 = line.IndexOf((byte)' ');
        if (sp1 <= 0 || line[..sp1].ContainsAnyExcept(TokenChars))
        {
            return Fail(400, "malformed request line", out error) == ParseStatus.Complete;
        }

        var rest = line[(sp1 + 1)..];
        int sp2 = rest.IndexOf((byte)' ');
        if (sp2 <= 0 || rest[0] != (byte)'/' || rest[..sp2].ContainsAnyExcept(TargetChars))
        {
            return Fail(400, "malformed request target", out error) == ParseStatus.Complete;
        }

        var version = rest[(sp2 + 1)..];
        if (version.SequenceEqual("HTTP/1.1"u8))
        {
            http11 = true;
        }
        else if (!version.SequenceEqual("HTTP/1.0"u8))
        {
            bool looksLikeHttp = version.Length == 8 && version.StartsWith("HTTP/"u8) && version[6] == (byte)'.'
                && char.IsAsciiDigit((char)version[5]) && char.IsAsciiDigit((char)version[7]);
            return Fail(looksLikeHttp ? 505 : 400, looksLikeHttp ? "HTTP version not supported" : "malformed HTTP version", out error)
                == ParseStatus.Complete;
        }

        isGet = line[..sp1].SequenceEqual("GET"u8);
        targetStart = sp1 + 1;
        targetLength = sp2;
        return true;
    }

    private static bool HasToken(ReadOnlySpan<byte> value, ReadOnlySpan<byte> token)
    {
        foreach (var range in value.Split((byte)','))
        {
            if (Ascii.EqualsIgnoreCase(value[range].Trim(" \t"u8), token))
            {
                return true;
            }
        }

        return false;
    }

    private static ParseStatus Fail(int status, string reason, out HttpError error)
    {
        error = new HttpError(status, reason);
        return ParseStatus.Error;
    }

    private static IEnumerable<byte> Range(int from, int to) => Enumerable.Range(from, to - from + 1).Select(i => (byte)i);
}
