using Bench.Servers.Http;
using Bench.Servers.Reactor;
using Bench.Servers.Workload;

namespace Bench.Servers.Models;

/// <summary>
/// One connection in callback style (asyncio's Protocol, libuv): the reactor calls back when the socket is ready or a
/// timer is due, and the state lives in fields between calls. No coroutine, no state machine: each suspension is a
/// registered callback and a return.
/// </summary>
public sealed class CallbackConnection : IReadinessHandler, IRedisReplyHandler
{
    // Cached once: scheduling a timer or a turn must not allocate a delegate per request.
    private static readonly Action<object> IoDone = static c => ((CallbackConnection)c).OnIoDone();
    private static readonly Action<object> CpuSlice = static c => ((CallbackConnection)c).ContinueCpu();

    private readonly ReactorTransport _transport;
    private Sha256Chain? _chain;
    private int _cpuRemaining;
    private int _cpuYieldEvery;
    private bool _sending;

    private CallbackConnection(ReactorTransport transport) => _transport = transport;

    /// <summary>connection_made: called on the reactor thread when the connection is accepted.</summary>
    public static void Start(ReactorTransport transport) => new CallbackConnection(transport).Process();

    /// <summary>data_received (or resume_writing when a flush was waiting for room).</summary>
    public void OnReady(bool readable, bool writable)
    {
        if (_sending)
        {
            _sending = false;
            Process();
            return;
        }

        switch (_transport.Receive())
        {
            case IoStatus.Done:
                Process();
                break;
            case IoStatus.WouldBlock:
                _transport.WaitReadable(this);
                break;
            default:
                _transport.Close(graceful: false);
                break;
        }
    }

    /// <summary>Runs the protocol until it needs something it must wait for, then registers the callback for it.</summary>
    private void Process()
    {
        var protocol = _transport.Protocol;
        while (true)
        {
            var step = protocol.Next();
            if (step.Kind == StepKind.Work)
            {
                if (!TryCompleteNow(step.Work))
                {
                    return; // a timer or a later turn calls back
                }

                continue;
            }

            switch (_transport.Flush())
            {
                case IoStatus.WouldBlock:
                    _sending = true;
                    _transport.WaitWritable(this);
                    return;
                case IoStatus.Closed:
                    _transport.Close(graceful: false);
                    return;
            }

            if (step.Kind == StepKind.Close)
            {
                _transport.Close(graceful: true);
            }
            else
            {
                _transport.WaitReadable(this);
            }

            return;
        }
    }

    private bool TryCompleteNow(in Work work)
    {
        switch (work.Kind)
        {
            case WorkKind.Io:
                _transport.Reactor.After(work.Milliseconds, IoDone, this);
                return false;
            case WorkKind.Redis:
                _transport.Redis.Execute(work.Key!, work.Value, this);
                return false;
            case WorkKind.Rpc:
                _transport.Protocol.Complete(Rabbit.RpcReplies.Unsupported);
                return true;
            case WorkKind.Cpu when work.YieldEvery > 0:
                _chain = new Sha256Chain();
                _cpuRemaining = work.Rounds;
                _cpuYieldEvery = work.YieldEvery;
                ContinueCpu();
                return false;
            default:
                _transport.Protocol.Complete(BlockingConnection.Execute(work, _transport.Context));
                return true;
        }
    }

    /// <summary>The reactor's Redis client answered: complete the request and carry on.</summary>
    public void OnRedisReply(Response answer)
    {
        _transport.Protocol.Complete(answer);
        Process();
    }

    private void OnIoDone()
    {
        _transport.Protocol.Complete(Router.Ok);
        Process();
    }

    /// <summary>One slice of CPU work, then a later turn, so every connection ready meanwhile gets its turn first.</summary>
    private void ContinueCpu()
    {
        int slice = Math.Min(_cpuYieldEvery, _cpuRemaining);
        _chain!.Step(slice);
        _cpuRemaining -= slice;
        if (_cpuRemaining > 0)
        {
            _transport.Reactor.Soon(CpuSlice, this);
            return;
        }

        _transport.Protocol.Complete(new Response(200, _chain.HexDigest()));
        _chain = null;
        Process();
    }
}
