using System.Buffers;
using Bench.Servers.Workload;

namespace Bench.Servers.Http;

/// <summary>
/// One connection's HTTP/1.1 state, free of I/O (sans-IO, like asyncio's Protocol): bytes go in,
/// steps come out. Every model drives the same protocol, so they differ only in how they wait.
/// Immediate responses (hello, info, errors) are written here; pipelined requests are answered in order.
/// </summary>
public sealed class ConnectionProtocol : IDisposable
{
    private readonly ServerStats _stats;
    private readonly long _headerTimeoutMs;
    // Responses are a few hundred bytes (/info about a kilobyte): the writer starts small and keeps what it grows to.
    private readonly ArrayBufferWriter<byte> _output = new(256);
    private byte[] _input = ArrayPool<byte>.Shared.Rent(HttpLimits.InitialReceiveBytes);
    private int _start;
    private int _end;
    private long _bodyToSkip;
    private bool _keepAlive = true;
    private bool _closing;
    private long _headerDeadline = long.MaxValue;

    public ConnectionProtocol(ServerStats stats, TimeSpan headerTimeout)
    {
        _stats = stats;
        _headerTimeoutMs = (long)headerTimeout.TotalMilliseconds;
        ArmHeaderDeadline();
    }

    /// <summary>Where the next received bytes go: never empty (a full buffer doubles, up to <see cref="HttpLimits.ReceiveBufferBytes"/>).</summary>
    public Memory<byte> ReceiveBuffer
    {
        get
        {
            if (_end == _input.Length)
            {
                Grow();
            }

            return _input.AsMemory(_end);
        }
    }

    public ReadOnlyMemory<byte> PendingOutput => _output.WrittenMemory;

    /// <summary>True while waiting for a request head longer than the header timeout allows.</summary>
    public bool HeaderDeadlinePassed(long nowMs) => nowMs > Volatile.Read(ref _headerDeadline);

    public void Received(int count) => _end += count;

    public void Flushed() => _output.ResetWrittenCount();

    public ProtocolStep Next()
    {
        while (true)
        {
            if (_closing)
            {
                return new ProtocolStep(StepKind.Close, default);
            }

            if (_bodyToSkip > 0)
            {
                int skip = (int)Math.Min(_bodyToSkip, _end - _start);
                _start += skip;
                _bodyToSkip -= skip;
                if (_bodyToSkip > 0)
                {
                    _start = _end = 0;
                    return new ProtocolStep(StepKind.NeedData, default);
                }
            }

            if (_start == _end)
            {
                _start = _end = 0;
                ArmHeaderDeadline();
                return new ProtocolStep(StepKind.NeedData, default);
            }

            var status = HttpRequestParser.TryParse(_input.AsSpan(_start, _end - _start), out var head, out var error);
            if (status == ParseStatus.Incomplete)
            {
                Compact();
                ArmHeaderDeadline();
                return new ProtocolStep(StepKind.NeedData, default);
            }

            if (status == ParseStatus.Error)
            {
                _keepAlive = false;
                Complete(Response.FromError(error));
                continue;
            }

            Volatile.Write(ref _headerDeadline, long.MaxValue);
            _stats.RequestStarted();
            var work = Router.Route(head.IsGet, _input.AsSpan(_start + head.TargetStart, head.TargetLength));
            _keepAlive = head.KeepAlive;
            _start += head.HeaderLength;
            _bodyToSkip = head.ContentLength;

            switch (work.Kind)
            {
                case WorkKind.Respond:
                    Complete(work.Response);
                    break;
                case WorkKind.Info:
                    Complete(_stats.Info());
                    break;
                default:
                    return new ProtocolStep(StepKind.Work, work);
            }
        }
    }

    /// <summary>Queues the response to the current request.</summary>
    public void Complete(in Response response)
    {
        bool close = !_keepAlive || response.Close;
        ResponseWriter.Write(_output, response, close);
        _closing |= close;
    }

    public void Dispose()
    {
        var input = Interlocked.Exchange(ref _input, []);
        if (input.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(input);
        }
    }

    /// <summary>
    /// Only a head still incomplete fills the buffer (bytes are compacted to its start first), and a head over
    /// <see cref="HttpLimits.MaxHeaderBytes"/> is refused before the buffer reaches twice that: it never has to grow further.
    /// </summary>
    private void Grow()
    {
        var bigger = ArrayPool<byte>.Shared.Rent(Math.Min(_input.Length * 2, HttpLimits.ReceiveBufferBytes));
        _input.AsSpan(0, _end).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(Interlocked.Exchange(ref _input, bigger));
    }

    private void ArmHeaderDeadline()
    {
        if (Volatile.Read(ref _headerDeadline) == long.MaxValue)
        {
            Volatile.Write(ref _headerDeadline, Environment.TickCount64 + _headerTimeoutMs);
        }
    }

    private void Compact()
    {
        if (_start > 0)
        {
            _input.AsSpan(_start, _end - _start).CopyTo(_input);
            _end -= _start;
            _start = 0;
        }
    }
}
