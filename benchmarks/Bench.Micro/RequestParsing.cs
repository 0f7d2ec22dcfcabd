using BenchmarkDotNet.Attributes;
using Bench.Load.Http;
using Bench.Servers.Http;

namespace Bench.Micro;

/// <summary>
/// The C# targets' request-head parser (HttpRequestParser.TryParse) on one whole request head: the one Bench's load
/// engine sends (request line and Host, encoded by the engine's own HttpRequestEncoder), and a browser-like head of
/// eight fields. One op is one request head parsed.
/// </summary>
[MemoryDiagnoser]
public class RequestParsing
{
    private readonly byte[] _benchRequest = HttpRequestEncoder.Encode("GET", "/hello", "127.0.0.1:8080", [], ReadOnlyMemory<byte>.Empty, close: false);

    private readonly byte[] _browserRequest =
        ("GET /io?ms=50 HTTP/1.1\r\n"u8
        + "Host: 127.0.0.1:8080\r\n"u8
        + "User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0\r\n"u8
        + "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8\r\n"u8
        + "Accept-Language: en-GB,en;q=0.5\r\n"u8
        + "Accept-Encoding: gzip, deflate, br\r\n"u8
        + "Connection: keep-alive\r\n"u8
        + "Cache-Control: max-age=0\r\n"u8
        + "Upgrade-Insecure-Requests: 1\r\n\r\n"u8).ToArray();

    [Benchmark(Baseline = true)]
    [OneOp("one request head parsed: Bench's own GET /hello (request line and Host)")]
    public int BenchRequest() => Parse(_benchRequest);

    [Benchmark]
    [OneOp("one request head parsed: a browser-like GET with 8 header fields (354 bytes)")]
    public int BrowserRequest() => Parse(_browserRequest);

    private static int Parse(byte[] request) =>
        HttpRequestParser.TryParse(request, out var head, out _) == ParseStatus.Complete ? head.HeaderLength : -1;
}
