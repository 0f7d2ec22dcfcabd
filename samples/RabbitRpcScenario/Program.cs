using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Bench.Launch.Verification;
using Bench.Sdk;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

// A RabbitMQ RPC scenario with RabbitMQ.Client 7 against the broker and RPC worker Bench starts (the catalogue's
// `rabbitmq-rpc` dependency, which needs `rabbitmq`: its own node, folder and ports on 127.0.0.1; both stopped at the end,
// after Ctrl-C too, the broker's epmd included): each iteration publishes N to the worker's queue (bench.rpc) with
// RabbitMQ's direct reply-to and a correlation id, awaits the reply and checks it is /cpu's SHA-256 chain of N rounds.
// 16 copies, closed, for 10 s after 2 s of warm-up. The broker takes about 10 s to start.
// `dotnet run --project samples/RabbitRpcScenario [-- --out <dir>]`; then `scripts/bench.sh report <dir>`.
// RPC_SCENARIO_SECONDS shortens the run (the test runs it for 1 s).
double seconds = double.Parse(Environment.GetEnvironmentVariable("RPC_SCENARIO_SECONDS") ?? "10", CultureInfo.InvariantCulture);
const int Rounds = 1000;
string expected = ReferenceDigest.Compute(Rounds);

await using var worker = await CatalogDependency.StartAsync("rabbitmq-rpc");
Console.WriteLine($"rabbitmq on 127.0.0.1:{worker.Port}, its RPC worker pid {worker.Pid}");
await using var rpc = await RpcCaller.ConnectAsync(worker.Port);

var scenario = Scenario.Create("rabbit_rpc", async ctx =>
    {
        await Step.Run("rpc", ctx, async () =>
        {
            string? digest = await rpc.CallAsync(Rounds, TimeSpan.FromSeconds(2), ctx.CancellationToken);
            return digest is null ? Response.Fail(statusCode: "TIMEOUT")
                : digest == expected ? Response.Ok(sizeBytes: digest.Length)
                : Response.Fail(statusCode: "WRONG_DIGEST", message: digest);
        });
        return Response.Ok();
    })
    .WithWarmUpDuration(TimeSpan.FromSeconds(Math.Min(2, seconds)))
    .WithLoadSimulations(Simulation.KeepConstant(copies: 16, during: TimeSpan.FromSeconds(seconds)))
    .WithThresholds(Threshold.Create("*@* errorRate < 1%"));

return await BenchRunner.RegisterScenarios(scenario).Run(args);

/// <summary>
/// One connection and channel: requests published to bench.rpc with reply-to set to RabbitMQ's direct reply-to, replies
/// matched back by correlation id. A channel is not for two publishers at once, so publishing takes turns.
/// </summary>
internal sealed class RpcCaller : IAsyncDisposable
{
    private const string DirectReplyTo = "amq.rabbitmq.reply-to";
    private readonly IConnection _connection;
    private readonly IChannel _channel;
    private readonly SemaphoreSlim _publishing = new(1, 1);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<string>> _pending = new(StringComparer.Ordinal);
    private long _ids;

    private RpcCaller(IConnection connection, IChannel channel)
    {
        _connection = connection;
        _channel = channel;
    }

    public static async Task<RpcCaller> ConnectAsync(int port)
    {
        var connection = await new ConnectionFactory { HostName = "127.0.0.1", Port = port }.CreateConnectionAsync();
        var channel = await connection.CreateChannelAsync();
        var caller = new RpcCaller(connection, channel);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            if (delivery.BasicProperties.CorrelationId is { } id && caller._pending.TryRemove(id, out var waiting))
            {
                waiting.TrySetResult(Encoding.ASCII.GetString(delivery.Body.Span));
            }

            return Task.CompletedTask;
        };
        await channel.BasicConsumeAsync(DirectReplyTo, autoAck: true, consumer);
        return caller;
    }

    /// <summary>The worker's reply, or null when none came within <paramref name="timeout"/>.</summary>
    public async Task<string?> CallAsync(int rounds, TimeSpan timeout, CancellationToken cancellationToken)
    {
        string id = Interlocked.Increment(ref _ids).ToString(CultureInfo.InvariantCulture);
        var reply = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = reply;
        try
        {
            await _publishing.WaitAsync(cancellationToken);
            try
            {
                var properties = new BasicProperties { CorrelationId = id, ReplyTo = DirectReplyTo };
                await _channel.BasicPublishAsync("", "bench.rpc", mandatory: false, properties,
                    Encoding.ASCII.GetBytes(rounds.ToString(CultureInfo.InvariantCulture)), cancellationToken);
            }
            finally
            {
                _publishing.Release();
            }

            return await reply.Task.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            return null;
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _channel.DisposeAsync();
        await _connection.DisposeAsync();
        _publishing.Dispose();
    }
}
