using Bench.Load.Http;

namespace Bench.Load.Engine;

/// <summary>
/// One connection slot of a worker and, in the closed model, one virtual user. Reused across reconnects, so its
/// buffer and parser are allocated once. Plain fields: only its worker's thread touches it.
/// </summary>
internal sealed class Connection(int slot, byte[]? expectedBody)
{
    /// <summary>Large enough for any response head the parser accepts.</summary>
    public const int BufferSize = HttpResponseParser.MaxHeadLength + 1024;

    public readonly int Slot = slot;
    public readonly byte[] Buffer = new byte[BufferSize];
    public readonly HttpResponseParser Parser = new(expectedBody);

    /// <summary>Where to connect: an encoded sockaddr (<see cref="Platform.NativeSocket.EncodeAddress"/>).</summary>
    public byte[] Address = [];

    /// <summary>The encoded request the next send writes.</summary>
    public byte[] Request = [];

    /// <summary>Where <see cref="Request"/>'s <c>{request}</c> fields start: <see cref="NumberNextRequest"/> rewrites them.</summary>
    public int[] RequestFields = [];

    /// <summary>The number the next request's <c>{request}</c> fields get.</summary>
    public long RequestNumber;

    /// <summary>False for a HEAD request: its response carries no body.</summary>
    public bool BodyAllowed = true;

    public int Fd = -1;

    /// <summary>Bumped for every socket, so an epoll event for an earlier socket of this slot is recognised and dropped.</summary>
    public uint Generation;

    public ConnectionState State;

    /// <summary>True while the socket is registered for EPOLLOUT too.</summary>
    public bool WatchesWrites;

    /// <summary>The server has closed its side (EPOLLRDHUP): read to the end, and do not reuse the socket.</summary>
    public bool PeerClosed;

    /// <summary>Waiting in the worker's send queue (see ConnectionIo.Send).</summary>
    public bool SendQueued;

    /// <summary>Latency counts from the moment the request is written (closed model, open connection) rather than RequestStart as given.</summary>
    public bool StartsAtSend;
    public bool HasRequest;
    public bool Measured;

    /// <summary>Where latency counts from: the send (or the connect it needed), or the intended time (open model).</summary>
    public long RequestStart;

    public long Deadline;
    public int SendOffset;
    public int BufferStart;
    public int BufferEnd;

    /// <summary>Closed model: measured requests done, for iterations; and the current back-off after connect errors.</summary>
    public int Iterations;

    /// <summary>Responses (any status) this connection received in the measured window: its share, for fairness.</summary>
    public long WindowResponses;
    public long BackoffTicks;

    /// <summary>Writes the next request's number into its fields, in place (the request's length never changes).</summary>
    public void NumberNextRequest()
    {
        long number = RequestNumber++;
        foreach (int field in RequestFields)
        {
            RequestTemplate.WriteDigits(Request.AsSpan(field, RequestTemplate.RequestDigits), number);
        }
    }

    public ulong EpollData => ((ulong)Generation << 32) | (uint)Slot;
}
