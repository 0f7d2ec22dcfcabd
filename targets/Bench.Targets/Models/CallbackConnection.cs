using System.Net.Sockets;
using System.Runtime.InteropServices;
using Bench.Servers.Hosting;
using Bench.Servers.Http;
using Bench.Servers.Workload;

namespace Bench.Servers.Models;

/// <summary>
/// One connection in callback style (asyncio's Protocol, or libuv): SocketAsyncEventArgs completions
/// arrive on I/O threads and are posted to the loop, so every bit of request handling runs on the
/// loop's one thread. No async/await anywhere: state lives in fields, flow in callbacks.
/// </summary>
public sealed class CallbackConnection : IDisposable
{
    private readonly Socket _socket;
    private readonly ServerContext _context;
    private readonly SingleThreadLoop _loop;
    private readonly ConnectionProtocol _protocol;
    private readonly SocketAsyncEventArgs _receiveArgs = new();
    private readonly SocketAsyncEventArgs _sendArgs = new();

    // Cached once: posting a completion to the loop must not allocate on the hot path.
    private static readonly SendOrPostCallback ReceivedCallback = s => ((CallbackConnection)s!).Guard(static c => c.OnReceived());
    private static readonly SendOrPostCallback SentCallback = s => ((CallbackConnection)s!).Guard(static c => c.OnSent());
    private static readonly SendOrPostCallback IoDoneCallback = s => ((CallbackConnection)s!).Guard(static c => c.OnIoDone());
    private static readonly SendOrPostCallback CpuSliceCallback = s => ((CallbackConnection)s!).Guard(static c => c.ContinueCpu());
    private ITimer? _ioTimer;
    private Sha256Chain? _chain;
    private int _cpuRemaining;
    private int _cpuYieldEvery;
    private int _sent;
    private bool _closed;

    public CallbackConnection(Socket socket, ServerContext context, SingleThreadLoop loop)
    {
        _socket = socket;
        _context = context;
        _loop = loop;
        _protocol = context.Connections.Open(socket);
        _receiveArgs.Completed += (_, _) => _loop.Post(ReceivedCallback, this);
        _sendArgs.Completed += (_, _) => _loop.Post(SentCallback, this);
    }

    /// <summary>Runs on the loop thread.</summary>
    public void Start() => Guard(static c => c.Process());

    /// <summary>Aborts the connection (the owner normally lets it close itself).</summary>
    public void Dispose() => Close(graceful: false);

    private void Guard(Action<CallbackConnection> action)
    {
        try
        {
            action(this);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or InvalidOperationException)
        {
            GracefulClose.LogUnexpected(_context.Log, e);
            Close(graceful: false);
        }
    }

    private void Process()
    {
        while (!_closed)
        {
            var step = _protocol.Next();
            if (step.Kind == StepKind.Work)
            {
                if (!TryCompleteNow(step.Work))
                {
                    return; // a timer or a posted CPU slice resumes us
                }

                continue;
            }

            if (!_protocol.PendingOutput.IsEmpty)
            {
                StartSend(); // OnSent calls Process again
            }
            else if (step.Kind == StepKind.Close)
            {
                Close(graceful: true);
            }
            else
            {
                StartReceive();
            }

            return;
        }
    }

    private bool TryCompleteNow(in Work work)
    {
        switch (work.Kind)
        {
            case WorkKind.Io:
                _ioTimer ??= TimeProvider.System.CreateTimer(static s => ((CallbackConnection)s!)._loop.Post(IoDoneCallback, s), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                _ioTimer.Change(TimeSpan.FromMilliseconds(work.Milliseconds), Timeout.InfiniteTimeSpan);
                return false;
            case WorkKind.Cpu when work.YieldEvery > 0:
                _chain = new Sha256Chain();
                _cpuRemaining = work.Rounds;
                _cpuYieldEvery = work.YieldEvery;
                ContinueCpu();
                return false;
            default:
                _protocol.Complete(BlockingConnection.Execute(work));
                return true;
        }
    }

    private void OnIoDone()
    {
        _protocol.Complete(Router.Ok);
        Process();
    }

    /// <summary>One slice of CPU work, then back to the end of the loop's queue so others get a turn.</summary>
    private void ContinueCpu()
    {
        int slice = Math.Min(_cpuYieldEvery, _cpuRemaining);
        _chain!.Step(slice);
        _cpuRemaining -= slice;
        if (_cpuRemaining > 0)
        {
            _loop.Post(CpuSliceCallback, this);
            return;
        }

        _protocol.Complete(new Response(200, _chain.HexDigest()));
        _chain = null;
        Process();
    }

    private void StartReceive()
    {
        _receiveArgs.SetBuffer(_protocol.ReceiveBuffer);
        if (!_socket.ReceiveAsync(_receiveArgs))
        {
            _loop.Post(ReceivedCallback, this); // completed inline: queue it rather than recurse
        }
    }

    private void OnReceived()
    {
        if (_receiveArgs.SocketError != SocketError.Success || _receiveArgs.BytesTransferred == 0)
        {
            Close(graceful: false);
            return;
        }

        _protocol.Received(_receiveArgs.BytesTransferred);
        Process();
    }

    private void StartSend()
    {
        _sendArgs.SetBuffer(MemoryMarshal.AsMemory(_protocol.PendingOutput[_sent..]));
        if (!_socket.SendAsync(_sendArgs))
        {
            _loop.Post(SentCallback, this);
        }
    }

    private void OnSent()
    {
        if (_sendArgs.SocketError != SocketError.Success)
        {
            Close(graceful: false);
            return;
        }

        _sent += _sendArgs.BytesTransferred;
        if (_sent < _protocol.PendingOutput.Length)
        {
            StartSend();
            return;
        }

        _sent = 0;
        _protocol.Flushed();
        Process();
    }

    private void Close(bool graceful)
    {
        if (_closed)
        {
            return;
        }

        _closed = true;
        _ioTimer?.Dispose();
        if (graceful)
        {
            // Draining is not request handling: it may wait off the loop.
            _ = GracefulClose.DrainAsync(_socket).ContinueWith(_ => Release(), TaskScheduler.Default);
        }
        else
        {
            Release();
        }
    }

    private void Release()
    {
        _context.Connections.Close(_protocol);
        _receiveArgs.Dispose();
        _sendArgs.Dispose();
    }
}
