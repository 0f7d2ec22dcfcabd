using System.Buffers;
using System.Buffers.Text;

namespace Bench.Servers.Http;

/// <summary>Serialises responses straight into an output buffer: no strings, no allocations.</summary>
public static class ResponseWriter
{
    public static void Write(IBufferWriter<byte> output, in Response response, bool close)
    {
        Append(output, "HTTP/1.1 "u8);
        Append(output, StatusLine(response.Status));
        Append(output, response.IsJson ? "\r\nContent-Type: application/json\r\nContent-Length: "u8 : "\r\nContent-Type: text/plain\r\nContent-Length: "u8);

        var span = output.GetSpan(16);
        Utf8Formatter.TryFormat(response.Body.Length, span, out int written);
        output.Advance(written);

        if (response.Status == 405)
        {
            Append(output, "\r\nAllow: GET"u8);
        }

        Append(output, close ? "\r\nConnection: close\r\n\r\n"u8 : "\r\n\r\n"u8);
        Append(output, response.Body.Span);
    }

    private static void Append(IBufferWriter<byte> output, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(output.GetSpan(bytes.Length));
        output.Advance(bytes.Length);
    }

    private static ReadOnlySpan<byte> StatusLine(int status) => status switch
    {
        200 => "200 OK"u8,
        400 => "400 Bad Request"u8,
        404 => "404 Not Found"u8,
        405 => "405 Method Not Allowed"u8,
        408 => "408 Request Timeout"u8,
        413 => "413 Content Too Large"u8,
        431 => "431 Request Header Fields Too Large"u8,
        500 => "500 Internal Server Error"u8,
        501 => "501 Not Implemented"u8,
        503 => "503 Service Unavailable"u8,
        504 => "504 Gateway Timeout"u8,
        505 => "505 HTTP Version Not Supported"u8,
        _ => "500 Internal Server Error"u8,
    };
}
