using System.Buffers.Text;
using System.Runtime.CompilerServices;
using System.Text;

namespace Bench.Load.Http;

/// <summary>
/// An incremental HTTP/1.x response parser: feed it whatever a read returned, it consumes what it can and says
/// whether the response is complete. Handles Content-Length, chunked and read-until-close bodies, split anywhere
/// across reads; checks the body against an expected one without buffering it. No allocations per response.
/// </summary>
public sealed class HttpResponseParser(byte[]? expectedBody = null)
{
    /// <summary>The longest head or chunk-size line accepted; the caller's buffer must be at least this big.</summary>
    public const int MaxHeadLength = 16 * 1024;

    private const int MaxChunkLineLength = 1024;

    private readonly byte[]? _expectedBody = expectedBody;
    private Stage _stage;
    private bool _bodyAllowed = true;
    private long _remaining;
    private long _bodyLength;
    private bool _bodyDiffers;

    private enum Stage
    {
        Head,
        FixedBody,
        ChunkSize,
        ChunkData,
        ChunkDataEnd,
        Trailers,
        UntilClose,
        Done,
    }

    public int StatusCode { get; private set; }

    /// <summary>False when the server said it will close the connection (or must, to end the body).</summary>
    public bool KeepAlive { get; private set; }

    /// <summary>True when no body was expected, or the body equals the expected one byte for byte.</summary>
    public bool BodyMatches => _expectedBody is not { } expected || (!_bodyDiffers && _bodyLength == expected.Length);

    /// <summary>The body's bytes so far (after decoding chunks): the whole body once the response is complete.</summary>
    public long BodyLength => _bodyLength;

    /// <summary>The response's X-Cache-Status (a cache in front of the target), classified without allocating.</summary>
    public CacheStatus CacheStatus { get; private set; }

    /// <summary>Why the response was malformed; empty otherwise.</summary>
    public string Error { get; private set; } = "";

    /// <summary>Prepares for the next response. HEAD responses carry no body (<paramref name="bodyAllowed"/> false).</summary>
    public void Reset(bool bodyAllowed = true)
    {
        _stage = Stage.Head;
        _bodyAllowed = bodyAllowed;
        _remaining = 0;
        _bodyLength = 0;
        _bodyDiffers = false;
        StatusCode = 0;
        KeepAlive = false;
        CacheStatus = CacheStatus.None;
        Error = "";
    }

    /// <summary>
    /// Consumes bytes of <paramref name="input"/>; <paramref name="consumed"/> says how many. Unconsumed bytes (a
    /// partial head or chunk line) must be passed again, followed by what the next read returns.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ResponseParseStatus Parse(ReadOnlySpan<byte> input, out int consumed)
    {
        consumed = 0;
        while (true)
        {
            var rest = input[consumed..];
            switch (_stage)
            {
                case Stage.Head:
                    int end = rest.IndexOf("\r\n\r\n"u8);
                    if (end < 0)
                    {
                        return rest.Length > MaxHeadLength ? Fail("response head too large") : ResponseParseStatus.NeedMore;
                    }

                    if (!ParseHead(rest[..(end + 2)]))
                    {
                        return ResponseParseStatus.Malformed;
                    }

                    consumed += end + 4;
                    if (_stage == Stage.Done)
                    {
                        return ResponseParseStatus.Complete;
                    }

                    break;

                case Stage.FixedBody or Stage.ChunkData or Stage.UntilClose:
                    int take = _stage == Stage.UntilClose ? rest.Length : (int)Math.Min(_remaining, rest.Length);
                    CheckBody(rest[..take]);
                    consumed += take;
                    _remaining -= take;
                    if (_stage == Stage.UntilClose || _remaining > 0)
                    {
                        return ResponseParseStatus.NeedMore;
                    }

                    if (_stage == Stage.FixedBody)
                    {
                        _stage = Stage.Done;
                        return ResponseParseStatus.Complete;
                    }

                    _stage = Stage.ChunkDataEnd;
                    break;

                case Stage.ChunkDataEnd:
                    if (rest.Length < 2)
                    {
                        return rest.Length == 1 && rest[0] != '\r' ? Fail("chunk data not followed by CRLF") : ResponseParseStatus.NeedMore;
                    }

                    if (!rest.StartsWith("\r\n"u8))
                    {
                        return Fail("chunk data not followed by CRLF");
                    }

                    consumed += 2;
                    _stage = Stage.ChunkSize;
                    break;

                case Stage.ChunkSize or Stage.Trailers:
                    int lf = rest.IndexOf((byte)'\n');
                    if (lf < 0)
                    {
                        return rest.Length > MaxChunkLineLength ? Fail("chunk line too long") : ResponseParseStatus.NeedMore;
                    }

                    var line = rest[..lf];
                    if (!line.EndsWith("\r"u8))
                    {
                        return Fail("chunk line not ended by CRLF");
                    }

                    consumed += lf + 1;
                    line = line[..^1];
                    if (_stage == Stage.Trailers)
                    {
                        if (line.IsEmpty)
                        {
                            _stage = Stage.Done;
                            return ResponseParseStatus.Complete;
                        }

                        break;
                    }

                    if (!TryParseChunkSize(line, out _remaining))
                    {
                        return Fail("bad chunk size");
                    }

                    _stage = _remaining == 0 ? Stage.Trailers : Stage.ChunkData;
                    break;

                default:
                    return ResponseParseStatus.Complete;
            }
        }
    }

    /// <summary>The connection reached end of stream: completes a read-until-close body, anything else is cut short.</summary>
    public ResponseParseStatus Finish()
    {
        if (_stage is Stage.UntilClose or Stage.Done)
        {
            _stage = Stage.Done;
            return ResponseParseStatus.Complete;
        }

        return ResponseParseStatus.NeedMore;
    }

    private static bool TryParseChunkSize(ReadOnlySpan<byte> line, out long size)
    {
        int extension = line.IndexOf((byte)';');
        var digits = (extension < 0 ? line : line[..extension]).Trim(" \t"u8);
        return Utf8Parser.TryParse(digits, out size, out int used, 'x') && used == digits.Length && digits.Length <= 15;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool ParseHead(ReadOnlySpan<byte> head)
    {
        int eol = head.IndexOf("\r\n"u8);
        var statusLine = head[..eol];
        // "HTTP/1.x SSS[ reason]"
        if (statusLine.Length < 12 || !statusLine.StartsWith("HTTP/1."u8) || !char.IsAsciiDigit((char)statusLine[7]) || statusLine[8] != ' '
            || !Utf8Parser.TryParse(statusLine.Slice(9, 3), out int status, out int used) || used != 3
            || (statusLine.Length > 12 && statusLine[12] != ' '))
        {
            return Reject("malformed status line");
        }

        StatusCode = status;
        CacheStatus = CacheStatus.None; // an interim response's header is not the final one's
        bool http11 = statusLine[7] != '0';
        bool close = false, keepAliveToken = false, chunked = false;
        long contentLength = -1;
        for (var rest = head[(eol + 2)..]; !rest.IsEmpty;)
        {
            int next = rest.IndexOf("\r\n"u8);
            var line = rest[..next];
            rest = rest[(next + 2)..];
            int colon = line.IndexOf((byte)':');
            if (colon <= 0)
            {
                return Reject("malformed header line");
            }

            var name = line[..colon];
            var value = line[(colon + 1)..].Trim(" \t"u8);
            if (Ascii.EqualsIgnoreCase(name, "content-length"u8))
            {
                if (!Utf8Parser.TryParse(value, out long length, out int n) || n != value.Length || length < 0 || (contentLength >= 0 && contentLength != length))
                {
                    return Reject("bad Content-Length");
                }

                contentLength = length;
            }
            else if (Ascii.EqualsIgnoreCase(name, "transfer-encoding"u8))
            {
                int comma = value.LastIndexOf((byte)',');
                chunked = Ascii.EqualsIgnoreCase((comma < 0 ? value : value[(comma + 1)..]).Trim(" \t"u8), "chunked"u8);
                contentLength = chunked ? -1 : contentLength;
                close |= !chunked; // another final coding: the body runs until the server closes
            }
            else if (Ascii.EqualsIgnoreCase(name, "connection"u8))
            {
                foreach (var token in value.Split((byte)','))
                {
                    var t = value[token].Trim(" \t"u8);
                    close |= Ascii.EqualsIgnoreCase(t, "close"u8);
                    keepAliveToken |= Ascii.EqualsIgnoreCase(t, "keep-alive"u8);
                }
            }
            else if (Ascii.EqualsIgnoreCase(name, "x-cache-status"u8))
            {
                CacheStatus = Ascii.EqualsIgnoreCase(value, "HIT"u8) ? CacheStatus.Hit : Ascii.EqualsIgnoreCase(value, "MISS"u8) ? CacheStatus.Miss : CacheStatus.Other;
            }
        }

        if (status is >= 100 and < 200 and not 101)
        {
            return true; // interim response: the real one follows; stay in Head
        }

        KeepAlive = !close && (http11 || keepAliveToken);
        if (!_bodyAllowed || status is 204 or 304 or 101)
        {
            _stage = Stage.Done;
        }
        else if (chunked)
        {
            _stage = Stage.ChunkSize;
        }
        else if (contentLength >= 0)
        {
            _remaining = contentLength;
            _stage = contentLength == 0 ? Stage.Done : Stage.FixedBody;
        }
        else
        {
            KeepAlive = false;
            _stage = Stage.UntilClose;
        }

        return true;
    }

    private void CheckBody(ReadOnlySpan<byte> part)
    {
        if (_expectedBody is { } expected && !_bodyDiffers)
        {
            _bodyDiffers = _bodyLength + part.Length > expected.Length
                || !part.SequenceEqual(expected.AsSpan((int)_bodyLength, part.Length));
        }

        _bodyLength += part.Length;
    }

    private ResponseParseStatus Fail(string reason)
    {
        Error = reason;
        return ResponseParseStatus.Malformed;
    }

    private bool Reject(string reason)
    {
        Error = reason;
        return false;
    }
}
