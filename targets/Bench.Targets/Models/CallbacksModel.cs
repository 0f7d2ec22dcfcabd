using System.Net;
using System.Net.Sockets;
using Bench.Servers.Hosting;

namespace Bench.Servers.Models;

/// <summary>
/// Completion callbacks (SocketAsyncEventArgs) with all request handling confined to one loop thread:
/// the Protocol style of asyncio, beside the stream style of the eventloop model.
/// </summary>
[ServerModel("callbacks", "SocketAsyncEventArgs completion callbacks on one thread (asyncio Protocol style)")]
public sealed class CallbacksModel : IServerModel
{
    public Task RunAsync(ServerContext context, IPEndPoint endpoint, Action<IPEndPoint> listening, CancellationToken cancellationToken)
    {
        var listener = Listener.Start(endpoint, listening, cancellationToken);
        var loop = new SingleThreadLoop("callbacks-loop", context.Log);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var acceptArgs = new SocketAsyncEventArgs();

        void OnAccepted()
        {
            if (acceptArgs.SocketError != SocketError.Success)
            {
                acceptArgs.Dispose();
                loop.Dispose();
                done.TrySetResult(); // the listener closed: shutting down
                return;
            }

            var connection = acceptArgs.AcceptSocket!;
            acceptArgs.AcceptSocket = null;
            new CallbackConnection(connection, context, loop).Start();
            StartAccept();
        }

        void StartAccept()
        {
            bool pending;
            try
            {
                pending = listener.AcceptAsync(acceptArgs);
            }
            catch (ObjectDisposedException)
            {
                loop.Dispose();
                done.TrySetResult();
                return;
            }

            if (!pending)
            {
                loop.Post(_ => OnAccepted(), null);
            }
        }

        acceptArgs.Completed += (_, _) => loop.Post(_ => OnAccepted(), null);
        loop.Post(_ => StartAccept(), null);
        return done.Task;
    }
}
