using System.Text;
using Bench.Servers.Http;
using Bench.Servers.Workload;

namespace Bench.Tests.Servers.Http;

/// <summary>The sans-I/O protocol: bytes in, steps and response bytes out, whatever the read sizes.</summary>
public sealed class ConnectionProtocolTests
{
    private const string Pipelined = "GET /hello HTTP/1.1\r\nHost: x\r\n\r\nGET /info HTTP/1.1\r\nContent-Length: 3\r\n\r\nabcGET /io?ms=5 HTTP/1.1\r\n\r\n";

    [Fact]
    public void A_connection_starts_with_a_small_buffer_that_doubles_for_a_head_that_does_not_fit()
    {
        using var protocol = new ConnectionProtocol(new ServerStats("test"), TimeSpan.FromSeconds(10));
        Assert.Equal(HttpLimits.InitialReceiveBytes, protocol.ReceiveBuffer.Length);
        var head = Encoding.Latin1.GetBytes($"GET /hello HTTP/1.1\r\nX-Pad: {new string('p', 5000)}\r\n\r\n");

        // Each receive fills what the buffer offers, as a socket would with more bytes waiting.
        int offset = 0;
        var step = protocol.Next();
        while (step.Kind == StepKind.NeedData && offset < head.Length)
        {
            var room = protocol.ReceiveBuffer.Span;
            int n = Math.Min(room.Length, head.Length - offset);
            head.AsSpan(offset, n).CopyTo(room);
            protocol.Received(n);
            offset += n;
            step = protocol.Next();
        }

        Assert.Equal(head.Length, offset);
        Assert.StartsWith("HTTP/1.1 200 OK", Encoding.Latin1.GetString(protocol.PendingOutput.Span), StringComparison.Ordinal);
    }

    /// <summary>Feeds <paramref name="input"/> in chunks of <paramref name="chunk"/> bytes; completes work at once.</summary>
    private static (string Output, List<Work> Work, bool Closed) Drive(string input, int chunk)
    {
        using var protocol = new ConnectionProtocol(new ServerStats("test"), TimeSpan.FromSeconds(10));
        var bytes = Encoding.Latin1.GetBytes(input);
        var output = new StringBuilder();
        var work = new List<Work>();
        int offset = 0;
        while (true)
        {
            var step = protocol.Next();
            if (step.Kind == StepKind.Work)
            {
                work.Add(step.Work);
                protocol.Complete(Router.Ok);
                continue;
            }

            output.Append(Encoding.Latin1.GetString(protocol.PendingOutput.Span));
            protocol.Flushed();
            if (step.Kind == StepKind.Close || offset == bytes.Length)
            {
                return (output.ToString(), work, step.Kind == StepKind.Close);
            }

            int n = Math.Min(chunk, bytes.Length - offset);
            bytes.AsSpan(offset, n).CopyTo(protocol.ReceiveBuffer.Span);
            protocol.Received(n);
            offset += n;
        }
    }

    [Fact]
    public void Pipelined_requests_give_the_same_responses_whatever_the_read_size()
    {
        var (whole, work, _) = Drive(Pipelined, Pipelined.Length);

        Assert.Single(work);
        Assert.Equal(WorkKind.Io, work[0].Kind);
        Assert.Equal(3, whole.Split("HTTP/1.1 200 OK").Length - 1);
        for (int chunk = 1; chunk < 40; chunk++)
        {
            var (output, _, _) = Drive(Pipelined, chunk);
            Assert.Equal(Normalise(whole), Normalise(output));
        }
    }

    [Fact]
    public void An_error_answers_then_closes_and_ignores_what_follows()
    {
        var (output, work, closed) = Drive("BROKEN\r\n\r\nGET /hello HTTP/1.1\r\n\r\n", 1000);

        Assert.True(closed);
        Assert.Empty(work);
        Assert.StartsWith("HTTP/1.1 400 Bad Request\r\n", output, StringComparison.Ordinal);
        Assert.Contains("Connection: close\r\n", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Hello", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Connection_close_is_honoured_after_the_response()
    {
        var (output, _, closed) = Drive("GET /hello HTTP/1.1\r\nConnection: close\r\n\r\n", 1000);

        Assert.True(closed);
        Assert.EndsWith("Connection: close\r\n\r\nHello, World!", output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_header_deadline_runs_only_while_a_head_is_awaited()
    {
        using var protocol = new ConnectionProtocol(new ServerStats("test"), TimeSpan.FromMilliseconds(100));
        long now = Environment.TickCount64;
        Assert.Equal(StepKind.NeedData, protocol.Next().Kind);
        Assert.True(protocol.HeaderDeadlinePassed(now + 10_000));

        var request = "GET /io?ms=1 HTTP/1.1\r\n\r\n"u8;
        request.CopyTo(protocol.ReceiveBuffer.Span);
        protocol.Received(request.Length);
        Assert.Equal(StepKind.Work, protocol.Next().Kind);

        Assert.False(protocol.HeaderDeadlinePassed(now + 10_000), "no deadline while the work runs");
    }

    // /info bodies carry a pid and counters; compare the shape, not those numbers.
    private static string Normalise(string output) => System.Text.RegularExpressions.Regex.Replace(output, "[0-9]+", "#");
}
