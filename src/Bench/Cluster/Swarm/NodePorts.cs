using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Bench.Cluster.Swarm;

/// <summary>Whether a port on a node's address accepts a TCP connection from here: a service listening on its node is not yet one the controller reaches.</summary>
internal static class NodePorts
{
    private static readonly TimeSpan Attempt = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);

    /// <summary>One connect, bounded by a second: null when accepted, else why not.</summary>
    public static async Task<string?> ConnectProblemAsync(IPAddress address, int port, CancellationToken cancellationToken)
    {
        using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(Attempt);
        try
        {
            await socket.ConnectAsync(new IPEndPoint(address, port), attempt.Token);
            return null;
        }
        catch (SocketException e)
        {
            return e.Message;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"no answer within {Attempt.TotalSeconds:0} s";
        }
    }

    /// <summary>Connects until one is accepted (null) or <paramref name="limit"/> has passed (the last problem).</summary>
    public static async Task<string?> WaitAcceptsAsync(IPAddress address, int port, TimeSpan limit, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        string? problem;
        while ((problem = await ConnectProblemAsync(address, port, cancellationToken)) is not null && clock.Elapsed < limit)
        {
            await Task.Delay(Poll, cancellationToken);
        }

        return problem;
    }
}
