using System.Text;
using Bench.Servers.Http;

namespace Bench.Tests.Servers.Http;

public sealed class HttpRequestParserTests
{
    private static ParseStatus Parse(string raw, out RequestHead head, out HttpError error) =>
        HttpRequestParser.TryParse(Encoding.Latin1.GetBytes(raw), out head, out error);

    [Fact]
    public void A_complete_get_is_parsed_with_its_target_and_keep_alive()
    {
        const string raw = "GET /io?ms=5 HTTP/1.1\r\nHost: x\r\n\r\n";

        var status = Parse(raw, out var head, out _);

        Assert.Equal(ParseStatus.Complete, status);
        Assert.True(head.IsGet);
        Assert.True(head.KeepAlive);
        Assert.Equal("/io?ms=5", raw.Substring(head.TargetStart, head.TargetLength));
        Assert.Equal(raw.Length, head.HeaderLength);
    }

    [Theory]
    [InlineData("GET /hello HTTP/1.1\r\nHost: x\r\n")]
    [InlineData("GET /hel")]
    [InlineData("")]
    public void A_partial_head_is_incomplete(string raw) => Assert.Equal(ParseStatus.Incomplete, Parse(raw, out _, out _));

    [Theory]
    [InlineData("GET /x HTTP/1.1\r\nConnection: close\r\n\r\n", false)]
    [InlineData("GET /x HTTP/1.1\r\nConnection: Upgrade, CLOSE\r\n\r\n", false)]
    [InlineData("GET /x HTTP/1.0\r\n\r\n", false)]
    [InlineData("GET /x HTTP/1.1\r\nConnection: keep-alive\r\n\r\n", true)]
    public void Keep_alive_follows_the_version_and_the_connection_header(string raw, bool keepAlive)
    {
        Assert.Equal(ParseStatus.Complete, Parse(raw, out var head, out _));
        Assert.Equal(keepAlive, head.KeepAlive);
    }

    [Theory]
    [InlineData("GARBAGE\r\n", 400)]
    [InlineData("GET hello HTTP/1.1\r\n\r\n", 400)]
    [InlineData("GET /a b HTTP/1.1\r\n\r\n", 400)]
    [InlineData("GET /x HTTP/2.0\r\n\r\n", 505)]
    [InlineData("GET /x HTTP/1.1\r\nNo-Colon\r\n\r\n", 400)]
    [InlineData("GET /x HTTP/1.1\r\nBad Name: v\r\n\r\n", 400)]
    [InlineData("GET /x HTTP/1.1\r\n Folded: v\r\n\r\n", 400)]
    [InlineData("GET /x HTTP/1.1\r\nX: a\u0001b\r\n\r\n", 400)]
    [InlineData("GET /x HTTP/1.1\r\nContent-Length: abc\r\n\r\n", 400)]
    [InlineData("GET /x HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n", 400)]
    [InlineData("GET /x HTTP/1.1\r\nContent-Length: 1048577\r\n\r\n", 413)]
    [InlineData("GET /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n", 501)]
    public void Malformed_or_unsupported_heads_are_errors_with_their_status(string raw, int status)
    {
        Assert.Equal(ParseStatus.Error, Parse(raw, out _, out var error));
        Assert.Equal(status, error.Status);
        Assert.False(string.IsNullOrWhiteSpace(error.Reason));
    }

    [Fact]
    public void A_head_over_8_KiB_is_431_even_before_it_ends()
    {
        string raw = "GET /x HTTP/1.1\r\nX-Big: " + new string('a', HttpLimits.MaxHeaderBytes);

        Assert.Equal(ParseStatus.Error, Parse(raw, out _, out var error));
        Assert.Equal(431, error.Status);
    }

    [Fact]
    public void A_head_of_exactly_8_KiB_is_accepted()
    {
        string prefix = "GET /x HTTP/1.1\r\nX-Fill: ";
        string raw = prefix + new string('a', HttpLimits.MaxHeaderBytes - prefix.Length - 4) + "\r\n\r\n";

        Assert.Equal(HttpLimits.MaxHeaderBytes, raw.Length);
        Assert.Equal(ParseStatus.Complete, Parse(raw, out _, out _));
    }

    [Fact]
    public void A_body_length_is_reported_so_the_connection_can_skip_it()
    {
        Assert.Equal(ParseStatus.Complete, Parse("GET /x HTTP/1.1\r\nContent-Length: 42\r\n\r\n", out var head, out _));
        Assert.Equal(42, head.ContentLength);
    }

    [Fact]
    public void Other_methods_parse_but_are_not_get()
    {
        Assert.Equal(ParseStatus.Complete, Parse("POST /x HTTP/1.1\r\n\r\n", out var head, out _));
        Assert.False(head.IsGet);
    }
}
