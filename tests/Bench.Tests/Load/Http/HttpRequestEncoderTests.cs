using System.Text;
using Bench.Load.Http;

namespace Bench.Tests.Load.Http;

public sealed class HttpRequestEncoderTests
{
    [Fact]
    public void A_plain_get_is_the_request_line_and_host_only_like_wrk()
    {
        byte[] bytes = HttpRequestEncoder.Encode("GET", "/hello?x=1", "127.0.0.1:8080", [], ReadOnlyMemory<byte>.Empty, close: false);

        Assert.Equal("GET /hello?x=1 HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n\r\n", Encoding.Latin1.GetString(bytes));
    }

    [Fact]
    public void Headers_a_body_and_close_are_encoded_once_with_the_framing_the_engine_owns()
    {
        byte[] bytes = HttpRequestEncoder.Encode("POST", "/io", "[::1]:80", [new("Host", "example"), new("X-A", "b c")], "hi"u8.ToArray(), close: true);

        Assert.Equal("POST /io HTTP/1.1\r\nHost: example\r\nX-A: b c\r\nContent-Length: 2\r\nConnection: close\r\n\r\nhi", Encoding.Latin1.GetString(bytes));
    }

    [Theory]
    [InlineData("GET", "/a\r\nX: injected", "X-A", "v")]
    [InlineData("GET", "/a b", "X-A", "v")]
    [InlineData("GET", "no-slash", "X-A", "v")]
    [InlineData("G ET", "/", "X-A", "v")]
    [InlineData("GET", "/", "X-A", "v\r\nInjected: 1")]
    [InlineData("GET", "/", "Bad Name", "v")]
    [InlineData("GET", "/", "Content-Length", "5")]
    [InlineData("GET", "/", "Connection", "close")]
    public void Anything_that_would_change_the_framing_is_refused(string method, string path, string name, string value)
    {
        Assert.Throws<ArgumentException>(() => HttpRequestEncoder.Encode(method, path, "h", [new(name, value)], ReadOnlyMemory<byte>.Empty, close: false));
    }
}
