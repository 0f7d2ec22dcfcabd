using System.Net;
using System.Net.Sockets;
using Bench.Load;

namespace Bench.Cluster;

/// <summary>The controller's side of one agent: a connection per command (a sampling window keeps its own open); every wait is bounded, and a lost agent is an <see cref="AgentException"/>.</summary>
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

    /// <summary>
    /// Opens a window on the agent's /proc over process <paramref name="pid"/> of its host; returns once the agent has
    /// taken its first reading. The window stays open on the connection until <see cref="AgentSampling.StopAsync"/>.
    /// </summary>
    public async Task<AgentSampling> SampleAsync(int pid, CancellationToken cancellationToken)
    {
        var socket = await ConnectAsync(cancellationToken);
        var stream = new NetworkStream(socket, ownsSocket: true);
        try
        {
            await ExchangeAsync(stream, new AgentRequest(AgentRequest.Sample, Endpoint.Token, Pid: pid), ConnectTimeout, cancellationToken);
            return new AgentSampling(this, stream);
        }
        catch
        {
            await stream.DisposeAsync();
            throw;
        }
    }

    /// <summary>Ends a window <see cref="SampleAsync"/> opened: the agent's last reading, and the usage over the window.</summary>
    internal async Task<Launch.Sampling.ResourceUsage> StopSamplingAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var reply = await ExchangeAsync(stream, new AgentRequest(AgentRequest.Stop, Endpoint.Token), ConnectTimeout, cancellationToken);
        return reply.Usage ?? throw new AgentException(Endpoint.ToString(), "answered a stop without the usage");
    }

    private async Task<AgentReply> AskAsync(AgentRequest request, TimeSpan limit, CancellationToken cancellationToken)
    {
        using var socket = await ConnectAsync(cancellationToken);
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        return await ExchangeAsync(stream, request, limit, cancellationToken);
    }

    private async Task<Socket> ConnectAsync(CancellationToken cancellationToken)
    {
        var socket = new Socket(Endpoint.Address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(ConnectTimeout);
        try
        {
            await socket.ConnectAsync(new IPEndPoint(Endpoint.Address, Endpoint.Port), bounded.Token);
            return socket;
        }
        catch (Exception e)
        {
            socket.Dispose();
            throw e switch
            {
                OperationCanceledException when !cancellationToken.IsCancellationRequested =>
                    new AgentException(Endpoint.ToString(), $"did not accept a connection within {ConnectTimeout.TotalSeconds:0.#} s"),
                SocketException => new AgentException(Endpoint.ToString(), $"stopped answering: {e.Message}"),
                _ => e,
            };
        }
    }

    /// <summary>One request and its reply on an open connection, within <paramref name="limit"/>; a refusal or a loss is an <see cref="AgentException"/>.</summary>
    private async Task<AgentReply> ExchangeAsync(NetworkStream stream, AgentRequest request, TimeSpan limit, CancellationToken cancellationToken)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(limit);
        try
        {
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
