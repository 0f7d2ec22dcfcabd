using System.Net.Sockets;
using Bench.Servers.Hosting;
using Bench.Servers.Http;
using Bench.Servers.Workload;

namespace Bench.Servers.Models;

/// <summary>
/// Serves one connection with async/await. Where the continuations run is decided by the caller's
/// scheduler: the thread pool for `async`, one dedicated thread for `eventloop`. Nothing here uses
/// ConfigureAwait(false), on purpose: the eventloop model depends on the captured context.
/// </summary>
public static class AsyncConnection
{
    public static async Task ServeAsync(Socket socket, ServerContext context, CancellationToken cancellationToken)
    {
        var protocol = context.Connections.Open(socket);
        try
        {
            while (true)
            {
                var step = protocol.Next();
                if (step.Kind == StepKind.Work)
                {
                    protocol.Complete(await ExecuteAsync(step.Work, context, cancellationToken));
                    continue;
                }

                await FlushAsync(socket, protocol, cancellationToken);
                if (step.Kind == StepKind.Close)
                {
                    await GracefulClose.DrainAsync(socket);
                    return;
                }

                int received = await socket.ReceiveAsync(protocol.ReceiveBuffer, SocketFlags.None, cancellationToken);
                if (received == 0)
                {
                    return;
                }

                protocol.Received(received);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            GracefulClose.LogUnexpected(context.Log, e);
        }
        finally
        {
            context.Connections.Close(protocol);
        }
    }

    /// <summary>
    /// I/O is a timer or an awaited Redis call, not a thread; CPU work yields to the scheduler when asked; /blocking and
    /// /redis-blocking block anyway (the pitfall: a pool thread held for the whole call).
    /// </summary>
    public static async ValueTask<Response> ExecuteAsync(Work work, ServerContext context, CancellationToken cancellationToken)
    {
        switch (work.Kind)
        {
            case WorkKind.Redis:
                return await context.Redis.ExecuteAsync(work.Key!, work.Value);
            case WorkKind.Rpc:
                return await context.Rpc.CallAsync(work.Rounds, cancellationToken);
            case WorkKind.Io:
                await Task.Delay(work.Milliseconds, cancellationToken);
                return Router.Ok;
            case WorkKind.Block:
                BlockingConnection.Execute(work, context);
                return Router.Ok;
            case WorkKind.Cpu when work.YieldEvery > 0:
                var chain = new Sha256Chain();
                for (int done = 0; done < work.Rounds; done += work.YieldEvery)
                {
                    chain.Step(Math.Min(work.YieldEvery, work.Rounds - done));
                    await Task.Yield();
                }

                return new Response(200, chain.HexDigest());
            default:
                return BlockingConnection.Execute(work, context);
        }
    }

    private static async ValueTask FlushAsync(Socket socket, ConnectionProtocol protocol, CancellationToken cancellationToken)
    {
        var pending = protocol.PendingOutput;
        while (!pending.IsEmpty)
        {
            pending = pending[await socket.SendAsync(pending, SocketFlags.None, cancellationToken)..];
        }

        protocol.Flushed();
    }
}
