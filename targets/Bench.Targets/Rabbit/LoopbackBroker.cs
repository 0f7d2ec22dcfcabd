using RabbitMQ.Client;

namespace Bench.Servers.Rabbit;

/// <summary>
/// How the targets' RabbitMQ clients (/rpc's <see cref="RpcClient"/> and the <see cref="RpcWorker"/>) reach the broker
/// Bench started: 127.0.0.1 on its port, no automatic or topology recovery (a lost broker is seen at once and handled by
/// the caller — a 503, or the worker exiting to be restarted with it), a connect timeout and a name the broker shows.
/// </summary>
internal static class LoopbackBroker
{
    public static ConnectionFactory Factory(int port, TimeSpan connectTimeout, string clientName) => new()
    {
        HostName = "127.0.0.1",
        Port = port,
        AutomaticRecoveryEnabled = false,
        TopologyRecoveryEnabled = false,
        RequestedConnectionTimeout = connectTimeout,
        ClientProvidedName = clientName,
    };
}
