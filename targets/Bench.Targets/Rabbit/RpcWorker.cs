using System.Buffers.Text;
using Bench.Servers.Workload;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using RabbitMQ.Client.Exceptions;

namespace Bench.Servers.Rabbit;

/// <summary>
/// The RPC worker (<c>Bench.Targets --rpc-worker --rabbitmq &lt;port&gt;</c>): consumes <see cref="Queue"/>, computes /cpu's
/// SHA-256 chain of N rounds (the same <see cref="Sha256Chain"/>) for each request whose body is N, and publishes the digest
/// to the request's reply-to with its correlation id. One consumer, one delivery at a time. It exits 1 when the broker's
/// connection is lost, so whoever started it sees it gone (Bench restarts it with the broker), and 0 when stopped.
/// </summary>
public static class RpcWorker
{
    public const string Queue = "bench.rpc";

    public const string Usage = "usage: Bench.Targets --rpc-worker --rabbitmq <port>";

    public static async Task<int> RunAsync(int port, TextWriter output, TextWriter error, CancellationToken stopping)
    {
        var factory = LoopbackBroker.Factory(port, TimeSpan.FromSeconds(5), "bench-rpc-worker");
        IConnection connection;
        try
        {
            connection = await factory.CreateConnectionAsync(stopping);
        }
        catch (Exception e) when (e is IOException or RabbitMQClientException or OperationInterruptedException)
        {
            error.WriteLine($"Bench.Targets: rpc worker: cannot connect to 127.0.0.1:{port}: {(e.InnerException ?? e).Message}");
            return 1;
        }

        using (connection)
        {
            var lost = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            connection.ConnectionShutdownAsync += (_, e) =>
            {
                lost.TrySetResult(e.ReplyText);
                return Task.CompletedTask;
            };
            var channel = await connection.CreateChannelAsync(cancellationToken: stopping);
            await channel.QueueDeclareAsync(Queue, durable: false, exclusive: false, autoDelete: false, cancellationToken: stopping);
            var consumer = new AsyncEventingBasicConsumer(channel);
            consumer.ReceivedAsync += (_, delivery) => AnswerAsync(channel, delivery, error);
            await channel.BasicConsumeAsync(Queue, autoAck: true, consumer, stopping);
            output.WriteLine($"rpc worker consuming {Queue} on 127.0.0.1:{port}");
            output.Flush();

            try
            {
                string reason = await lost.Task.WaitAsync(stopping);
                error.WriteLine($"Bench.Targets: rpc worker: the connection to the broker was lost ({reason})");
                return 1;
            }
            catch (OperationCanceledException)
            {
                return 0;
            }
        }
    }

    private static async Task AnswerAsync(IChannel channel, BasicDeliverEventArgs delivery, TextWriter error)
    {
        if (delivery.BasicProperties.ReplyTo is not { Length: > 0 } replyTo)
        {
            return;
        }

        var body = delivery.Body.Span;
        byte[] answer;
        if (Utf8Parser.TryParse(body, out int rounds, out int used) && used == body.Length && rounds is >= 0 and <= Router.MaxRounds)
        {
            answer = Sha256Chain.Compute(rounds);
        }
        else
        {
            answer = "error: the body must be a round count from 0 to 10000000"u8.ToArray();
        }

        var properties = new BasicProperties { CorrelationId = delivery.BasicProperties.CorrelationId };
        try
        {
            await channel.BasicPublishAsync(string.Empty, replyTo, mandatory: false, properties, answer);
        }
        catch (Exception e) when (e is IOException or RabbitMQClientException or OperationInterruptedException)
        {
            error.WriteLine($"Bench.Targets: rpc worker: cannot reply: {e.Message}");
        }
    }
}
