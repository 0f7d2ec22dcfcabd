using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Bench.Servers.Http;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using RabbitMQ.Client.Exceptions;

namespace Bench.Servers.Rabbit;

/// <summary>
/// /rpc with RabbitMQ.Client 7 on 127.0.0.1:--rabbitmq: one connection and one channel for the process, the request
/// published to the worker's queue with reply-to set to RabbitMQ's direct reply-to and a correlation id, the reply matched
/// back by that id. The API is async only: the async models await <see cref="CallAsync"/>, the blocking ones block on it
/// (<see cref="Call"/>, on purpose: their thread waits, which is the point of them). No automatic recovery: a call that
/// finds the connection gone opens a new one, so a broker that is down is a 503 at once and one that is back serves again.
/// </summary>
public sealed class RpcClient : IDisposable
{
    /// <summary>RabbitMQ's direct reply-to: replies come straight back on the consuming channel, with no queue of their own.</summary>
    public const string DirectReplyTo = "amq.rabbitmq.reply-to";

    private readonly ConnectionFactory? _factory;
    private readonly TimeSpan _timeout;
    private readonly SemaphoreSlim _opening = new(1, 1);
    private readonly SemaphoreSlim _publishing = new(1, 1);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<byte[]?>> _pending = new(StringComparer.Ordinal);
    private volatile Link? _link;
    private long _ids;

    public RpcClient(int? port, TimeSpan timeout)
    {
        _timeout = timeout;
        if (port is { } p)
        {
            _factory = LoopbackBroker.Factory(p, TimeSpan.FromSeconds(2), "bench-target");
        }
    }

    /// <summary>The blocking call: holds the calling thread until the reply, the timeout or the broker's failure.</summary>
    public Response Call(int rounds) => CallAsync(rounds, CancellationToken.None).AsTask().GetAwaiter().GetResult();

    /// <summary>The awaited call: the thread goes back to the pool while the worker computes.</summary>
    public async ValueTask<Response> CallAsync(int rounds, CancellationToken cancellationToken)
    {
        if (_factory is null)
        {
            return RpcReplies.NotConfigured;
        }

        string id = Interlocked.Increment(ref _ids).ToString(CultureInfo.InvariantCulture);
        var reply = new TaskCompletionSource<byte[]?>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = reply;
        try
        {
            var channel = await ChannelAsync(cancellationToken);
            var properties = new BasicProperties { CorrelationId = id, ReplyTo = DirectReplyTo };
            var body = Encoding.ASCII.GetBytes(rounds.ToString(CultureInfo.InvariantCulture));
            // One publisher at a time on the shared channel: frames of two messages must not interleave.
            await _publishing.WaitAsync(cancellationToken);
            try
            {
                await channel.BasicPublishAsync(string.Empty, RpcWorker.Queue, mandatory: false, properties, body, cancellationToken);
            }
            finally
            {
                _publishing.Release();
            }

            return await reply.Task.WaitAsync(_timeout, cancellationToken) is { } digest
                ? new Response(200, digest)
                : RpcReplies.Unavailable("the connection to the broker was lost");
        }
        catch (TimeoutException)
        {
            return RpcReplies.TimedOut(_timeout);
        }
        catch (Exception e) when (e is IOException or SocketException or RabbitMQClientException or OperationInterruptedException)
        {
            return RpcReplies.Unavailable(e.InnerException is { } inner && e is BrokerUnreachableException ? $"unreachable: {inner.Message}" : e.Message);
        }
        finally
        {
            _pending.TryRemove(id, out _);
        }
    }

    public void Dispose()
    {
        // The process is exiting: closing the socket is enough; a polite AMQP close would wait on the broker.
        _link?.Connection.Dispose();
        _opening.Dispose();
        _publishing.Dispose();
    }

    private async Task<IChannel> ChannelAsync(CancellationToken cancellationToken)
    {
        if (_link is { Connection.IsOpen: true, Channel.IsOpen: true } link)
        {
            return link.Channel;
        }

        await _opening.WaitAsync(cancellationToken);
        try
        {
            if (_link is { Connection.IsOpen: true, Channel.IsOpen: true } again)
            {
                return again.Channel;
            }

            _link?.Connection.Dispose();
            _link = null;
            var connection = await _factory!.CreateConnectionAsync(cancellationToken);
            connection.ConnectionShutdownAsync += (_, _) =>
            {
                // Every call waiting on this connection is answered at once (503), not left to its timeout.
                foreach (var waiting in _pending.Values)
                {
                    waiting.TrySetResult(null);
                }

                return Task.CompletedTask;
            };
            var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
            var consumer = new AsyncEventingBasicConsumer(channel);
            consumer.ReceivedAsync += (_, delivery) =>
            {
                if (delivery.BasicProperties.CorrelationId is { } id && _pending.TryRemove(id, out var waiting))
                {
                    waiting.TrySetResult(delivery.Body.ToArray());
                }

                return Task.CompletedTask;
            };
            await channel.BasicConsumeAsync(DirectReplyTo, autoAck: true, consumer, cancellationToken);
            _link = new Link(connection, channel);
            return channel;
        }
        finally
        {
            _opening.Release();
        }
    }

    private sealed record Link(IConnection Connection, IChannel Channel);
}
