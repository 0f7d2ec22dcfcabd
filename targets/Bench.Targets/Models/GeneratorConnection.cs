using Bench.Servers.Http;
using Bench.Servers.Reactor;
using Bench.Servers.Workload;

namespace Bench.Servers.Models;

/// <summary>
/// One connection as a generator coroutine — how async worked in Python before <c>async def</c> (and in C# before
/// <c>await</c>): the handler is an iterator that <c>yield return</c>s what it waits for (<see cref="Suspend"/>), and
/// this driver resumes it with <c>MoveNext</c> when the reactor says it is ready.
/// </summary>
public sealed class GeneratorConnection : IReadinessHandler, IRedisReplyHandler
{
    private static readonly Action<object> ResumeLater = static c => ((GeneratorConnection)c).Resume();

    private readonly ReactorTransport _transport;
    private readonly IEnumerator<Suspend> _coroutine;
    private Response _reply;

    private GeneratorConnection(ReactorTransport transport)
    {
        _transport = transport;
        _coroutine = Serve().GetEnumerator();
    }

    public static void Start(ReactorTransport transport) => new GeneratorConnection(transport).Resume();

    public void OnReady(bool readable, bool writable) => Resume();

    /// <summary>What a Python generator gets from send(): the answer is left where the coroutine reads it, then it resumes.</summary>
    public void OnRedisReply(Response answer)
    {
        _reply = answer;
        Resume();
    }

    /// <summary>Runs the coroutine to its next yield and arranges to be resumed for what it yielded.</summary>
    private void Resume()
    {
        if (!_coroutine.MoveNext())
        {
            _coroutine.Dispose();
            return;
        }

        var suspend = _coroutine.Current;
        switch (suspend.Kind)
        {
            case SuspendKind.Readable:
                _transport.WaitReadable(this);
                break;
            case SuspendKind.Writable:
                _transport.WaitWritable(this);
                break;
            case SuspendKind.Turn:
                _transport.Reactor.Soon(ResumeLater, this);
                break;
            case SuspendKind.Redis:
                _transport.Redis.Execute(suspend.Key!, suspend.Value, this);
                break;
            default:
                _transport.Reactor.After(suspend.Milliseconds, ResumeLater, this);
                break;
        }
    }

    /// <summary>The whole connection, top to bottom, as one coroutine: the same protocol steps as every model.</summary>
    private IEnumerable<Suspend> Serve()
    {
        var transport = _transport;
        var protocol = transport.Protocol;
        while (true)
        {
            var step = protocol.Next();
            if (step.Kind == StepKind.Work)
            {
                var work = step.Work;
                switch (work.Kind)
                {
                    case WorkKind.Io:
                        yield return Suspend.Delay(work.Milliseconds);
                        protocol.Complete(Router.Ok);
                        break;
                    case WorkKind.Redis:
                        yield return Suspend.Redis(work.Key!, work.Value);
                        protocol.Complete(_reply);
                        break;
                    case WorkKind.Rpc:
                        protocol.Complete(Rabbit.RpcReplies.Unsupported);
                        break;
                    case WorkKind.Cpu when work.YieldEvery > 0:
                        var chain = new Sha256Chain();
                        for (int done = 0; done < work.Rounds; done += work.YieldEvery)
                        {
                            chain.Step(Math.Min(work.YieldEvery, work.Rounds - done));
                            yield return Suspend.Turn;
                        }

                        protocol.Complete(new Response(200, chain.HexDigest()));
                        break;
                    default:
                        protocol.Complete(BlockingConnection.Execute(work, transport.Context));
                        break;
                }

                continue;
            }

            IoStatus flushed;
            while ((flushed = transport.Flush()) == IoStatus.WouldBlock)
            {
                yield return Suspend.Writable;
            }

            if (flushed == IoStatus.Closed || step.Kind == StepKind.Close)
            {
                transport.Close(graceful: flushed != IoStatus.Closed);
                yield break;
            }

            IoStatus received;
            do
            {
                yield return Suspend.Readable;
            }
            while ((received = transport.Receive()) == IoStatus.WouldBlock);

            if (received == IoStatus.Closed)
            {
                transport.Close(graceful: false);
                yield break;
            }
        }
    }
}
