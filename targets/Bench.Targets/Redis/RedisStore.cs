using Bench.Servers.Hosting;
using Bench.Servers.Http;
using StackExchange.Redis;

namespace Bench.Servers.Redis;

/// <summary>
/// StackExchange.Redis on 127.0.0.1:--redis, one multiplexer for the process (as the library wants): the blocking models
/// call its synchronous API, the async ones await its async API. It fails fast while disconnected (no backlog), so a
/// Redis that is down is a 503 at once, and it reconnects by itself when Redis is back.
/// </summary>
public sealed class RedisStore : IDisposable
{
    private const int TimeoutMs = 2000;

    private readonly ConnectionMultiplexer? _connection;

    public RedisStore(int? port, ErrorLog log)
    {
        if (port is not { } p)
        {
            return;
        }

        var options = new ConfigurationOptions
        {
            EndPoints = { { "127.0.0.1", p } },
            AbortOnConnectFail = false,
            BacklogPolicy = BacklogPolicy.FailFast,
            ConnectTimeout = TimeoutMs,
            SyncTimeout = TimeoutMs,
            AsyncTimeout = TimeoutMs,
            ClientName = "bench-target",
        };
        // Connected here, before the target listens: connecting on a first request would block pool threads while the
        // multiplexer needs one to finish (measured: an async target under 4 connections served nothing for 2 s).
        // Without Redis it returns at once (AbortOnConnectFail = false) and keeps reconnecting in the background.
        _connection = ConnectionMultiplexer.Connect(options);
        _connection.ConnectionFailed += (_, e) => log.Write($"redis connection failed: {e.FailureType}");
    }

    /// <summary>The blocking call: holds the calling thread until Redis answers (or the timeout).</summary>
    public Response Execute(string key, string? value)
    {
        if (_connection is null)
        {
            return RedisReplies.NotConfigured;
        }

        try
        {
            var db = _connection.GetDatabase();
            return value is null ? Reply(db.StringGet(key)) : Stored(db.StringSet(key, value));
        }
        catch (RedisException e)
        {
            return RedisReplies.Unavailable(e.Message);
        }
    }

    /// <summary>The awaited call: the thread goes back to the pool while Redis answers.</summary>
    public async ValueTask<Response> ExecuteAsync(string key, string? value)
    {
        if (_connection is null)
        {
            return RedisReplies.NotConfigured;
        }

        try
        {
            var db = _connection.GetDatabase();
            return value is null ? Reply(await db.StringGetAsync(key)) : Stored(await db.StringSetAsync(key, value));
        }
        catch (RedisException e)
        {
            return RedisReplies.Unavailable(e.Message);
        }
    }

    public void Dispose()
    {
        _connection?.Dispose();
    }

    private static Response Reply(RedisValue value) => value.IsNull ? RedisReplies.Nil : RedisReplies.Value((byte[])value!);

    private static Response Stored(bool stored) => stored ? Workload.Router.Ok : RedisReplies.Unavailable("SET was not stored");
}
