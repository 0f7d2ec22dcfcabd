using System.Text;
using Bench.Servers.Redis;

namespace Bench.Tests.Servers.Redis;

/// <summary>The reactor client's RESP: commands as arrays of bulk strings, replies parsed only once whole.</summary>
public sealed class RespTests
{
    private static (bool Whole, int Status, string Body, int Used) Parse(string reply)
    {
        bool whole = Resp.TryParse(Encoding.ASCII.GetBytes(reply), out var answer, out int used);
        return (whole, answer.Status, Encoding.ASCII.GetString(answer.Body.Span), used);
    }

    [Fact]
    public void Get_and_set_are_arrays_of_bulk_strings()
    {
        Assert.Equal("*2\r\n$3\r\nGET\r\n$3\r\nkey\r\n", Encoding.ASCII.GetString(Resp.Command("key", null)));
        Assert.Equal("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$5\r\nvalue\r\n", Encoding.ASCII.GetString(Resp.Command("k", "value")));
    }

    [Theory]
    [InlineData("+OK\r\n", 200, "OK", 5)]
    [InlineData("$-1\r\n", 200, "(nil)", 5)]
    [InlineData("$5\r\nhello\r\n+OK\r\n", 200, "hello", 11)]
    [InlineData("$0\r\n\r\n", 200, "", 6)]
    [InlineData("-ERR wrong\r\n", 503, "redis: ERR wrong\n", 12)]
    [InlineData(":1\r\n", 503, "redis: unexpected reply ':1'\n", 4)]
    public void A_whole_reply_is_an_answer(string reply, int status, string body, int used) =>
        Assert.Equal((true, status, body, used), Parse(reply));

    [Theory]
    [InlineData("")]
    [InlineData("+OK")]
    [InlineData("$5\r\nhel")]
    [InlineData("$5\r\nhello")]
    public void A_partial_reply_waits_for_more(string reply) => Assert.False(Parse(reply).Whole);
}
