using System.Text;
using Bench.Load.Http;

namespace Bench.Tests.Load.Http;

public sealed class HttpResponseParserTests
{
    private const string Hello = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 13\r\n\r\nHello, World!";
    private const string Chunked = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nHello\r\n8\r\n, World!\r\n0\r\nX-Trailer: t\r\n\r\n";

    /// <summary>Feeds the response in pieces of <paramref name="piece"/> bytes the way the engine does: unconsumed bytes are passed again.</summary>
    private static (ResponseParseStatus Status, int Leftover) Feed(HttpResponseParser parser, string raw, int piece)
    {
        byte[] bytes = Encoding.Latin1.GetBytes(raw);
        var pending = new List<byte>();
        var status = ResponseParseStatus.NeedMore;
        for (int offset = 0; offset < bytes.Length && status == ResponseParseStatus.NeedMore; offset += piece)
        {
            pending.AddRange(bytes.Skip(offset).Take(piece));
            status = parser.Parse(pending.ToArray(), out int consumed);
            pending.RemoveRange(0, consumed);
        }

        return (status, pending.Count);
    }

    [Fact]
    public void Given_a_content_length_response_when_parsed_whole_then_it_is_complete_with_status_and_keep_alive()
    {
        var parser = new HttpResponseParser();

        var status = parser.Parse(Encoding.Latin1.GetBytes(Hello), out int consumed);

        Assert.Equal(ResponseParseStatus.Complete, status);
        Assert.Equal(Hello.Length, consumed);
        Assert.Equal(200, parser.StatusCode);
        Assert.True(parser.KeepAlive);
        Assert.True(parser.BodyMatches);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    [InlineData(64)]
    public void Given_a_content_length_response_split_across_reads_when_fed_then_it_completes_exactly_at_the_end(int piece)
    {
        var parser = new HttpResponseParser(Encoding.ASCII.GetBytes("Hello, World!"));

        var (status, leftover) = Feed(parser, Hello, piece);

        Assert.Equal(ResponseParseStatus.Complete, status);
        Assert.Equal(0, leftover);
        Assert.True(parser.BodyMatches);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(9)]
    [InlineData(1000)]
    public void Given_a_chunked_response_with_extensions_and_trailers_split_anywhere_then_the_body_is_checked_across_chunks(int piece)
    {
        var matching = new HttpResponseParser(Encoding.ASCII.GetBytes("Hello, World!"));
        var differing = new HttpResponseParser(Encoding.ASCII.GetBytes("Hello, Wurld!"));

        Assert.Equal((ResponseParseStatus.Complete, 0), Feed(matching, Chunked, piece));
        Assert.Equal((ResponseParseStatus.Complete, 0), Feed(differing, Chunked, piece));

        Assert.True(matching.BodyMatches);
        Assert.False(differing.BodyMatches);
    }

    [Fact]
    public void Given_an_expected_body_when_the_response_body_is_shorter_longer_or_different_then_it_does_not_match()
    {
        foreach (string body in new[] { "Hello", "Hello, World!!", "Hello, World?" })
        {
            var parser = new HttpResponseParser(Encoding.ASCII.GetBytes("Hello, World!"));
            var raw = $"HTTP/1.1 200 OK\r\nContent-Length: {body.Length}\r\n\r\n{body}";

            Assert.Equal(ResponseParseStatus.Complete, parser.Parse(Encoding.Latin1.GetBytes(raw), out _));
            Assert.False(parser.BodyMatches, body);
        }
    }

    [Theory]
    [InlineData("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n", false)]
    [InlineData("HTTP/1.1 200 OK\r\nConnection: Keep-Alive, CLOSE\r\nContent-Length: 0\r\n\r\n", false)]
    [InlineData("HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n", false)]
    [InlineData("HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n", true)]
    [InlineData("HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\n\r\n", true)]
    public void Keep_alive_follows_the_version_and_the_connection_header(string raw, bool keepAlive)
    {
        var parser = new HttpResponseParser();

        Assert.Equal(ResponseParseStatus.Complete, parser.Parse(Encoding.Latin1.GetBytes(raw), out _));
        Assert.Equal(keepAlive, parser.KeepAlive);
    }

    [Fact]
    public void Given_no_length_and_no_chunking_then_the_body_runs_until_the_server_closes()
    {
        var parser = new HttpResponseParser(Encoding.ASCII.GetBytes("abc"));

        Assert.Equal(ResponseParseStatus.NeedMore, parser.Parse("HTTP/1.0 200 OK\r\n\r\nabc"u8, out int consumed));
        Assert.Equal(22, consumed);
        Assert.Equal(ResponseParseStatus.Complete, parser.Finish());
        Assert.False(parser.KeepAlive);
        Assert.True(parser.BodyMatches);
    }

    [Fact]
    public void Given_a_response_cut_short_when_the_connection_ends_then_it_is_not_complete()
    {
        var parser = new HttpResponseParser();

        Assert.Equal(ResponseParseStatus.NeedMore, parser.Parse("HTTP/1.1 200 OK\r\nContent-Length: 13\r\n\r\nHello"u8, out _));
        Assert.Equal(ResponseParseStatus.NeedMore, parser.Finish());
    }

    [Fact]
    public void Head_responses_and_204_carry_no_body_and_interim_100_is_skipped()
    {
        var head = new HttpResponseParser();
        head.Reset(bodyAllowed: false);
        var noContent = new HttpResponseParser();
        var interim = new HttpResponseParser();

        Assert.Equal(ResponseParseStatus.Complete, head.Parse("HTTP/1.1 200 OK\r\nContent-Length: 13\r\n\r\n"u8, out _));
        Assert.Equal(ResponseParseStatus.Complete, noContent.Parse("HTTP/1.1 204 No Content\r\n\r\n"u8, out _));
        Assert.Equal(ResponseParseStatus.Complete, interim.Parse("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n"u8, out _));
        Assert.Equal(201, interim.StatusCode);
    }

    [Fact]
    public void Reset_readies_the_parser_for_the_next_response_on_the_same_connection()
    {
        var parser = new HttpResponseParser();
        byte[] two = Encoding.Latin1.GetBytes(Hello + "HTTP/1.1 503 Busy\r\nContent-Length: 0\r\n\r\n");

        Assert.Equal(ResponseParseStatus.Complete, parser.Parse(two, out int first));
        parser.Reset();
        Assert.Equal(ResponseParseStatus.Complete, parser.Parse(two.AsSpan(first), out int second));

        Assert.Equal(503, parser.StatusCode);
        Assert.Equal(two.Length, first + second);
    }

    [Theory]
    [InlineData("GARBAGE\r\n\r\n")]
    [InlineData("HTTP/2 200 OK\r\n\r\n")]
    [InlineData("HTTP/1.1 2x0 OK\r\n\r\n")]
    [InlineData("HTTP/1.1 200OK\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nNo colon here\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 12abc\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcX\r\n0\r\n\r\n")]
    [InlineData("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\nabc\r\n0\r\n\r\n")]
    public void Malformed_responses_are_rejected_with_a_reason(string raw)
    {
        var parser = new HttpResponseParser();

        var (status, _) = Feed(parser, raw, raw.Length);

        Assert.Equal(ResponseParseStatus.Malformed, status);
        Assert.False(string.IsNullOrWhiteSpace(parser.Error));
    }

    [Fact]
    public void A_head_larger_than_the_limit_is_malformed_rather_than_waited_for_forever()
    {
        var parser = new HttpResponseParser();
        var raw = "HTTP/1.1 200 OK\r\nX-Big: " + new string('a', HttpResponseParser.MaxHeadLength) + "\r\n";

        Assert.Equal(ResponseParseStatus.Malformed, parser.Parse(Encoding.Latin1.GetBytes(raw), out _));
    }

    private static string Cached(string header) => $"HTTP/1.1 200 OK\r\nContent-Length: 13\r\n{header}\r\nServer: nginx\r\n\r\nHello, World!";

    [Theory]
    [InlineData("X-Cache-Status: HIT", CacheStatus.Hit)]
    [InlineData("x-cache-status: MISS", CacheStatus.Miss)]
    [InlineData("X-CACHE-STATUS:\tmiss ", CacheStatus.Miss)]
    [InlineData("X-Cache-Status: EXPIRED", CacheStatus.Other)]
    [InlineData("X-Cache-Status: BYPASS", CacheStatus.Other)]
    [InlineData("X-Cache-Status: STALE", CacheStatus.Other)]
    [InlineData("X-Cache-Status: HITS", CacheStatus.Other)]
    [InlineData("X-Cache: HIT", CacheStatus.None)]
    public void Given_an_x_cache_status_header_whatever_the_name_case_then_the_parser_classifies_it_as_hit_miss_or_other(string header, CacheStatus expected)
    {
        var parser = new HttpResponseParser();

        Assert.Equal(ResponseParseStatus.Complete, parser.Parse(Encoding.Latin1.GetBytes(Cached(header)), out _));

        Assert.Equal(expected, parser.CacheStatus);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(17)]
    public void Given_an_x_cache_status_split_across_reads_then_it_is_still_seen(int piece)
    {
        var parser = new HttpResponseParser();

        Assert.Equal((ResponseParseStatus.Complete, 0), Feed(parser, Cached("X-Cache-Status: HIT"), piece));

        Assert.Equal(CacheStatus.Hit, parser.CacheStatus);
    }

    [Fact]
    public void Given_a_response_with_a_cache_status_then_the_next_without_one_has_none()
    {
        var parser = new HttpResponseParser();
        parser.Parse(Encoding.Latin1.GetBytes(Cached("X-Cache-Status: MISS")), out _);
        Assert.Equal(CacheStatus.Miss, parser.CacheStatus);

        parser.Reset();
        parser.Parse(Encoding.Latin1.GetBytes(Hello), out _);

        Assert.Equal(CacheStatus.None, parser.CacheStatus);
    }

    [Fact]
    public void Given_an_interim_response_with_a_cache_status_then_only_the_final_response_counts()
    {
        var parser = new HttpResponseParser();
        var raw = "HTTP/1.1 100 Continue\r\nX-Cache-Status: HIT\r\n\r\n" + Hello;

        Assert.Equal(ResponseParseStatus.Complete, parser.Parse(Encoding.Latin1.GetBytes(raw), out _));

        Assert.Equal(CacheStatus.None, parser.CacheStatus);
    }

    [Fact]
    public void Given_responses_with_a_cache_status_then_parsing_them_allocates_nothing()
    {
        var parser = new HttpResponseParser(Encoding.ASCII.GetBytes("Hello, World!"));
        byte[] raw = Encoding.Latin1.GetBytes(Cached("X-Cache-Status: EXPIRED"));
        parser.Parse(raw, out _); // JIT and first-use costs out of the way

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++)
        {
            parser.Reset();
            parser.Parse(raw, out _);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(CacheStatus.Other, parser.CacheStatus);
    }
}
