using Bench.Servers.Http;
using Bench.Servers.Redis;

namespace Bench.Servers.Reactor;

/// <summary>
/// The reactor's own Redis client: connections to 127.0.0.1:--redis, non-blocking, watched by the reactor like the
/// HTTP ones, one request in flight on each, kept in a pool between requests (as redis-py's pool does). No thread pool,
/// no StackExchange.Redis: its completions would run on threads of its own, not on the loop.
/// </summary>
public sealed class ReactorRedis(Reactor reactor, int? port)
{
    private readonly Stack<ReactorRedisConnection> _idle = new();

    /// <summary>Sends GET (or SET) and calls <paramref name="handler"/> with the answer on a later turn; never throws.</summary>
    public void Execute(string key, string? value, IRedisReplyHandler handler)
    {
        if (port is not { } p)
        {
            reactor.Soon(static h => ((IRedisReplyHandler)h).OnRedisReply(RedisReplies.NotConfigured), handler);
            return;
        }

        var connection = _idle.Count > 0 ? _idle.Pop() : new ReactorRedisConnection(reactor, p, Returned);
        connection.Send(Resp.Command(key, value), handler);
    }

    /// <summary>Back to the pool when it answered; a broken one is already closed and dropped.</summary>
    private void Returned(ReactorRedisConnection connection)
    {
        if (!connection.IsBroken)
        {
            _idle.Push(connection);
        }
    }
}
