namespace Bench.Servers.Hosting;

/// <summary>Parses `--model m --port n [--workers n] [--header-timeout s] [--redis port] [--rabbitmq port] [--rpc-timeout s]`; errors are one line for stderr.</summary>
public static class OptionsParser
{
    /// <summary>The usage text; its list of models is the registry's.</summary>
    public static readonly string Usage =
        "usage: Bench.Targets --model <name> [--port <n>] [--address <ip>] [--workers <n>] [--header-timeout <seconds>] [--redis <port>] [--rabbitmq <port>] [--rpc-timeout <seconds>]\n" +
        "       Bench.Targets --rpc-worker --rabbitmq <port>   (the worker behind /rpc)\n" +
        "  --model           one of:\n" +
        string.Concat(ModelRegistry.Models.Select(m => $"                      {m.Name,-10} {m.Description}\n")) +
        "  --port            port to listen on (0 = pick a free one; default 0)\n" +
        "  --address         address to listen on (default $BENCH_LISTEN_ADDRESS, else 127.0.0.1)\n" +
        "  --workers         threads of the pool model (default 16)\n" +
        "  --header-timeout  seconds a request head may take before the connection closes (default 10)\n" +
        "  --redis           port of the Redis server on 127.0.0.1 that /redis and /redis-blocking use (without it they answer 503)\n" +
        "  --rabbitmq        AMQP port of the RabbitMQ broker on 127.0.0.1 that /rpc publishes to (without it /rpc answers 503)\n" +
        "  --rpc-timeout     seconds /rpc waits for the worker's reply before it answers 504 (default 1.5)";

    public static bool TryParse(string[] args, out ServerOptions options, out string error)
    {
        options = new ServerOptions("", 0, ServerOptions.DefaultWorkers, ServerOptions.DefaultHeaderTimeout);
        error = "";
        if (Environment.GetEnvironmentVariable(ServerOptions.AddressVariable) is { Length: > 0 } fromEnvironment)
        {
            if (!System.Net.IPAddress.TryParse(fromEnvironment, out var address))
            {
                error = $"${ServerOptions.AddressVariable} '{fromEnvironment}' is not an IP address";
                return false;
            }

            options = options with { Address = address };
        }

        string? model = null;
        for (int i = 0; i < args.Length; i++)
        {
            string name = args[i];
            if (i + 1 >= args.Length)
            {
                error = name is "--help" or "-h" ? "" : $"option {name} needs a value";
                return false;
            }

            string value = args[++i];
            switch (name)
            {
                case "--model":
                    model = value;
                    break;
                case "--port" when int.TryParse(value, out int port) && port is >= 0 and <= 65535:
                    options = options with { Port = port };
                    break;
                case "--address" when System.Net.IPAddress.TryParse(value, out var listen):
                    options = options with { Address = listen };
                    break;
                case "--workers" when int.TryParse(value, out int workers) && workers is >= 1 and <= 4096:
                    options = options with { Workers = workers };
                    break;
                case "--header-timeout" when double.TryParse(value, out double seconds) && seconds is > 0 and <= 3600:
                    options = options with { HeaderTimeout = TimeSpan.FromSeconds(seconds) };
                    break;
                case "--redis" when int.TryParse(value, out int redis) && redis is >= 1 and <= 65535:
                    options = options with { RedisPort = redis };
                    break;
                case "--rabbitmq" when int.TryParse(value, out int rabbit) && rabbit is >= 1 and <= 65535:
                    options = options with { RabbitPort = rabbit };
                    break;
                case "--rpc-timeout" when double.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out double rpcSeconds) && rpcSeconds is > 0 and <= 3600:
                    options = options with { RpcTimeout = TimeSpan.FromSeconds(rpcSeconds) };
                    break;
                case "--port" or "--address" or "--workers" or "--header-timeout" or "--redis" or "--rabbitmq" or "--rpc-timeout":
                    error = $"invalid value '{value}' for {name}";
                    return false;
                default:
                    error = $"unknown option '{name}'";
                    return false;
            }
        }

        if (model is null)
        {
            error = "missing --model";
            return false;
        }

        if (!ModelRegistry.Names.Contains(model))
        {
            error = $"unknown model '{model}'; known: {string.Join(", ", ModelRegistry.Names)}";
            return false;
        }

        options = options with { Model = model };
        return true;
    }
}
