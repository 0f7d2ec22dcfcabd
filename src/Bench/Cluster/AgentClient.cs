using System.Net;
using System.Net.Sockets;
using Bench.Load;

namespace Bench.Cluster;

/// <summary>The controller's side of one agent: a connection per command; every wait is bounded, and a lost agent is an <see cref="AgentException"/>.</summary>
public sealed class AgentClient(AgentEndpoint endpoint, TimeProvider? timeProvider = null)
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);

    // A share's report arrives after its warm-up and window; the drain, the timeout of its last requests and the
    // encoding of its histograms fit in this.
    private static readonly TimeSpan ReportGrace = TimeSpan.FromSeconds(30);

    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    public AgentEndpoint Endpoint { get; } = endpoint;

    /// <summary>The best of <paramref name="samples"/> clock exchanges.</summary>
    public async Task<ClockSample> ClockAsync(int samples, CancellationToken cancellationToken)
    {
        var taken = new List<ClockSample>(samples);
        for (int i = 0; i < samples; i++)
        {
            var sent = _time.GetUtcNow();
            var reply = await AskAsync(new AgentRequest(AgentRequest.Clock, Endpoint.Token), ConnectTimeout, cancellationToken);
            taken.Add(ClockSample.From(sent, reply.Now, _time.GetUtcNow()));
        }

        return ClockSample.Best(taken);
    }

    /// <summary>Runs a share; returns what the agent measured. Cancelling closes the connection, which stops the agent's run.</summary>
    public async Task<AgentReport> RunAsync(AgentShare share, DateTimeOffset startsAt, CancellationToken cancellationToken)
    {
        var options = share.Options;
        var wait = (startsAt - _time.GetUtcNow()) + options.Warmup + options.Duration + options.Timeout + ReportGrace;
        var reply = await AskAsync(new AgentRequest(AgentRequest.Run, Endpoint.Token, share), wait, cancellationToken);
        return reply.Report ?? throw new AgentException(Endpoint.ToString(), "answered a run without a report");
    }

    private async Task<AgentReply> AskAsync(AgentRequest request, TimeSpan limit, CancellationToken cancellationToken)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(limit);
        using var socket = new Socket(Endpoint.Address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(new IPEndPoint(Endpoint.Address, Endpoint.Port), bounded.Token);
            await using var stream = new NetworkStream(socket, ownsSocket: false);
            await AgentLine.WriteAsync(stream, request, AgentJsonContext.Default.AgentRequest, bounded.Token);
            var reply = await AgentLine.ReadAsync(stream, AgentJsonContext.Default.AgentReply, bounded.Token)
                ?? throw new AgentException(Endpoint.ToString(), "closed the connection without answering");
            return reply.Error is { } error ? throw new AgentException(Endpoint.ToString(), $"refused: {error}") : reply;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new AgentException(Endpoint.ToString(), $"did not answer within {limit.TotalSeconds:0.#} s");
        }
        catch (Exception e) when (e is SocketException or IOException or InvalidDataException)
        {
            throw new AgentException(Endpoint.ToString(), $"stopped answering: {e.Message}");
        }
    }
}
