using Bench.Load.Engine;

namespace Bench.Sdk.RawHttp;

/// <summary>
/// The connections of an <see cref="HttpLoop"/>, each in a slot (its epoll key) with the exchange that owns it; a freed
/// slot (a one-off call's connection) is reused by the next. Used on the loop's thread only.
/// </summary>
internal sealed class ConnectionSlots
{
    private readonly List<Connection> _connections = [];
    private readonly List<Exchange?> _owners = [];
    private readonly Stack<int> _freeSlots = new();

    public IReadOnlyList<Connection> Connections => _connections;

    public IReadOnlyList<Exchange?> Owners => _owners;

    /// <summary>The connection for an epoll event's key (slot, then generation), if it is still the one the event was for.</summary>
    public Connection? Find(ulong data) =>
        (int)(uint)data is var slot && slot < _connections.Count && _connections[slot] is { Fd: >= 0 } c && c.Generation == (uint)(data >> 32) ? c : null;

    public Exchange Owner(Connection connection) => _owners[connection.Slot]!;

    /// <summary>A connection (a fresh one, or a freed slot's) owned by <paramref name="exchange"/>.</summary>
    public Connection Rent(Exchange exchange)
    {
        if (_freeSlots.TryPop(out int slot))
        {
            _owners[slot] = exchange;
            return _connections[slot];
        }

        var c = new Connection(_connections.Count, expectedBody: null);
        _connections.Add(c);
        _owners.Add(exchange);
        return c;
    }

    /// <summary>Frees the (closed) connection's slot for another exchange.</summary>
    public void Free(Connection connection)
    {
        connection.Address = [];
        _owners[connection.Slot] = null;
        _freeSlots.Push(connection.Slot);
    }
}
