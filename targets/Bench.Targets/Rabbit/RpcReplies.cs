using Bench.Servers.Http;
using Bench.Servers.Redis;

namespace Bench.Servers.Rabbit;

/// <summary>
/// What /rpc answers besides the digest, the same in every model and language: a broker that is down is a 503 with one
/// line, a worker that does not answer in time a 504, never a crash; a model that cannot wait for a reply without blocking
/// its one thread says so (501).
/// </summary>
public static class RpcReplies
{
    public static readonly Response NotConfigured = Response.Text(503, "rabbitmq: not configured (start the target with --rabbitmq <port>)\n");

    public static readonly Response Unsupported = Response.Text(501, "rpc: not on this model (the reactor has no non-blocking AMQP client)\n");

    public static Response Unavailable(string reason) => Response.Text(503, $"rabbitmq: {RedisReplies.OneLine(reason)}\n");

    public static Response TimedOut(TimeSpan timeout) => Response.Text(504, $"rpc: no answer from the worker within {timeout.TotalSeconds:0.###} s\n");
}
