using Bench.Servers.Http;
using Bench.Servers.Reactor;
using Bench.Servers.Workload;

namespace Bench.Servers.Models;

/// <summary>
/// One connection as an async method whose every continuation runs on the reactor thread: asyncio's coroutines. It
/// awaits the reactor's own awaitable (readiness, a delay, a turn), never a Task of the thread pool.
/// </summary>
public static class LoopConnection
{
    /// <summary>Starts the coroutine on the reactor thread; it runs there until its first await.</summary>
    public static void Start(ReactorTransport transport) => _ = ServeAsync(transport);

    private static async Task ServeAsync(ReactorTransport transport)
    {
        var loop = new ReactorAwaitable(transport);
        var protocol = transport.Protocol;
        try
        {
            while (true)
            {
                var step = protocol.Next();
                if (step.Kind == StepKind.Work)
                {
                    protocol.Complete(await ExecuteAsync(step.Work, loop));
                    continue;
                }

                IoStatus flushed;
                while ((flushed = transport.Flush()) == IoStatus.WouldBlock)
                {
                    await loop.Writable();
                }

                if (flushed == IoStatus.Closed || step.Kind == StepKind.Close)
                {
                    transport.Close(graceful: flushed != IoStatus.Closed);
                    return;
                }

                IoStatus received;
                do
                {
                    await loop.Readable();
                }
                while ((received = transport.Receive()) == IoStatus.WouldBlock);

                if (received == IoStatus.Closed)
                {
                    transport.Close(graceful: false);
                    return;
                }
            }
        }
        catch (Exception e)
        {
            // Nobody awaits this task: a failure is logged and the connection closed, never lost silently.
            GracefulClose.LogUnexpected(transport.Context.Log, e);
            transport.Close(graceful: false);
        }
    }

    /// <summary>I/O is a reactor timer; CPU work yields a turn when asked; /blocking blocks the one thread, on purpose.</summary>
    private static async ValueTask<Response> ExecuteAsync(Work work, ReactorAwaitable loop)
    {
        switch (work.Kind)
        {
            case WorkKind.Io:
                await loop.Delay(work.Milliseconds);
                return Router.Ok;
            case WorkKind.Redis:
                await loop.Redis(work.Key!, work.Value);
                return loop.Reply;
            case WorkKind.Rpc:
                return Rabbit.RpcReplies.Unsupported;
            case WorkKind.Cpu when work.YieldEvery > 0:
                var chain = new Sha256Chain();
                for (int done = 0; done < work.Rounds; done += work.YieldEvery)
                {
                    chain.Step(Math.Min(work.YieldEvery, work.Rounds - done));
                    await loop.Turn();
                }

                return new Response(200, chain.HexDigest());
            default:
                return BlockingConnection.Execute(work, loop.Context);
        }
    }
}
