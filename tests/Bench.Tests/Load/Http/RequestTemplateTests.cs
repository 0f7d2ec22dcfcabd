using System.Net;
using System.Text;
using Bench.Load;
using Bench.Load.Engine;
using Bench.Load.Http;

namespace Bench.Tests.Load.Http;

/// <summary>A path's {connection} and {request}: encoded once as fixed-width fields, patched in place per connection and request.</summary>
public sealed class RequestTemplateTests
{
    private static RunPlan Plan(string path) => RunPlan.Create(
        new LoadOptions { Url = new Uri($"http://127.0.0.1:8080{path}") }, new IPEndPoint(IPAddress.Loopback, 8080), workers: 1, cpus: [], TimeSpan.Zero);

    private static string RequestLine(byte[] request) => Encoding.Latin1.GetString(request).Split("\r\n")[0];

    [Fact]
    public void Given_a_path_with_both_placeholders_then_each_becomes_a_field_of_zeros_of_its_fixed_width()
    {
        var template = RequestTemplate.Of("/cpu?n=20000&key={connection}-{request}");

        Assert.Equal("/cpu?n=20000&key=000000-0000000000", template.Path);
        Assert.Equal([17], template.ConnectionFields);
        Assert.Equal([24], template.RequestFields);
        Assert.True(template.Varies);
        Assert.False(RequestTemplate.Of("/cpu?n=20000").Varies);
    }

    [Fact]
    public void Given_the_placeholders_as_uri_escapes_them_then_they_are_fields_too()
    {
        var url = new Uri("http://127.0.0.1:8080/cpu?key={connection}");

        Assert.Equal("/cpu?key=000000", RequestTemplate.Of(url.PathAndQuery).Path);
    }

    [Fact]
    public void Given_connections_of_one_plan_then_each_has_its_own_number_and_each_request_its_own_counter_at_a_fixed_length()
    {
        var plan = Plan("/cpu?key={connection}-{request}&again={request}");
        var first = new Connection(0, null) { Request = plan.RequestOf(out int[] fields0) };
        first.RequestFields = fields0;
        var second = new Connection(1, null) { Request = plan.RequestOf(out int[] fields1) };
        second.RequestFields = fields1;

        var lines = new List<string>();
        for (int i = 0; i < 3; i++)
        {
            first.NumberNextRequest();
            lines.Add(RequestLine(first.Request));
            second.NumberNextRequest();
            lines.Add(RequestLine(second.Request));
        }

        Assert.Equal(
            [
                "GET /cpu?key=000000-0000000000&again=0000000000 HTTP/1.1",
                "GET /cpu?key=000001-0000000000&again=0000000000 HTTP/1.1",
                "GET /cpu?key=000000-0000000001&again=0000000001 HTTP/1.1",
                "GET /cpu?key=000001-0000000001&again=0000000001 HTTP/1.1",
                "GET /cpu?key=000000-0000000002&again=0000000002 HTTP/1.1",
                "GET /cpu?key=000001-0000000002&again=0000000002 HTTP/1.1",
            ],
            lines);
        Assert.All(new[] { first.Request, second.Request }, r => Assert.Equal(plan.Request.Length, r.Length));
        Assert.Equal("GET /cpu?key=000000-0000000000&again=0000000000 HTTP/1.1", RequestLine(plan.Request)); // the plan's own copy is never patched
    }

    [Fact]
    public void Given_a_connection_with_request_fields_then_numbering_a_request_allocates_nothing()
    {
        var plan = Plan("/cpu?key={connection}-{request}");
        var connection = new Connection(0, null) { Request = plan.RequestOf(out int[] fields) };
        connection.RequestFields = fields;
        connection.NumberNextRequest(); // first-use costs out of the way

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10_000; i++)
        {
            connection.NumberNextRequest();
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal("GET /cpu?key=000000-0000010000 HTTP/1.1", RequestLine(connection.Request));
    }

    [Fact]
    public void Given_a_number_wider_than_its_field_then_the_field_keeps_its_width_and_the_low_digits()
    {
        byte[] field = new byte[4];

        RequestTemplate.WriteDigits(field, 123_456);

        Assert.Equal("3456", Encoding.ASCII.GetString(field));
    }

    [Theory]
    [InlineData("/cpu?key={conection}", "{conection}")]
    [InlineData("/cpu?key={}", "{}")]
    [InlineData("/x/{Request}", "{Request}")]
    public void Given_an_unknown_placeholder_then_the_problem_names_it_and_the_two_known_ones(string path, string named)
    {
        string? problem = RequestTemplate.Problem(path);

        Assert.Equal($"unknown placeholder '{named}' in the path: only {{connection}} (the connection's number) and {{request}} (a counter per connection)", problem);
        Assert.Null(RequestTemplate.Problem("/cpu?key={connection}-{request}"));
        Assert.Contains(problem, new LoadOptions { Url = new Uri($"http://127.0.0.1:8080{path}") }.Validate());
    }
}
