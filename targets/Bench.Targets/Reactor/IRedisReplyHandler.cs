using Bench.Servers.Http;

namespace Bench.Servers.Reactor;

/// <summary>What the reactor's Redis client calls, on the reactor thread, with the answer to a /redis request.</summary>
public interface IRedisReplyHandler
{
    void OnRedisReply(Response answer);
}
