using System.Net.Sockets;
using Bench.Servers.Hosting;
using Bench.Servers.Http;
using Bench.Servers.Workload;

namespace Bench.Servers.Models;

/// <summary>
/// Serves one connection with blocking socket calls on the calling thread, until it closes.
/// Used by sync, threads and pool: there, waiting means holding a thread.
/// </summary>
public static class BlockingConnection
{
    public static void Serve(Socket socket, ServerContext context)
    {
        var protocol = context.Connections.Open(socket);
        try
        {
            while (true)
            {
                var step = protocol.Next();
                if (step.Kind == StepKind.Work)
                {
                    protocol.Complete(Execute(step.Work, context));
                    continue;
                }

                Flush(socket, protocol);
                if (step.Kind == StepKind.Close)
                {
                    GracefulClose.Blocking(socket);
                    return;
                }

                int received = socket.Receive(protocol.ReceiveBuffer.Span);
                if (received == 0)
                {
                    return;
                }

                protocol.Received(received);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            GracefulClose.LogUnexpected(context.Log, e);
        }
        finally
        {
            context.Connections.Close(protocol);
        }
    }

    /// <summary>Every wait is a sleep (or a synchronous Redis call, or a blocked-on RPC) that holds the thread: the point of these models.</summary>
    public static Response Execute(in Work work, ServerContext context)
    {
        switch (work.Kind)
        {
            case WorkKind.Redis:
            case WorkKind.RedisBlocking:
                return context.Redis.Execute(work.Key!, work.Value);
            case WorkKind.Rpc:
                return context.Rpc.Call(work.Rounds);
            case WorkKind.Io:
            case WorkKind.Block:
                Thread.Sleep(work.Milliseconds);
                return Router.Ok;
            case WorkKind.Cpu:
                return new Response(200, Sha256Chain.Compute(work.Rounds));
            default:
                return work.Response;
        }
    }

    private static void Flush(Socket socket, ConnectionProtocol protocol)
    {
        var pending = protocol.PendingOutput.Span;
        while (!pending.IsEmpty)
        {
            pending = pending[socket.Send(pending)..];
        }

        protocol.Flushed();
    }
}
