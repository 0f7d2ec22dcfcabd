using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Bench.Servers.Hosting;
using Bench.Servers.Reactor;

namespace Bench.Tests.Servers.Reactor;

public sealed class ReactorTests
{
    private sealed class Recorder(ConcurrentQueue<(string What, int Thread)> seen, Action? then = null) : IReadinessHandler
    {
        public void OnReady(bool readable, bool writable)
        {
            seen.Enqueue(("ready", Environment.CurrentManagedThreadId));
            then?.Invoke();
        }
    }

    [Fact]
    public async Task Readiness_timers_and_turns_all_run_on_the_thread_that_runs_the_reactor()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen();
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await client.ConnectAsync(listener.LocalEndPoint!, TestContext.Current.CancellationToken);
        using var server = await listener.AcceptAsync(TestContext.Current.CancellationToken);
        server.Blocking = false;
        using var reactor = new Bench.Servers.Reactor.Reactor(new ErrorLog(TextWriter.Null));
        var seen = new ConcurrentQueue<(string What, int Thread)>();
        int runThread = 0;
        ulong token = 0;
        var handler = new Recorder(seen, () => reactor.Watch((int)server.Handle, token, readable: false, writable: false));

        var running = new Thread(() =>
        {
            runThread = Environment.CurrentManagedThreadId;
            token = reactor.Register((int)server.Handle, handler);
            reactor.Watch((int)server.Handle, token, readable: true, writable: false);
            reactor.After(20, _ => seen.Enqueue(("timer", Environment.CurrentManagedThreadId)), reactor);
            reactor.Soon(_ => seen.Enqueue(("turn", Environment.CurrentManagedThreadId)), reactor);
            reactor.Run();
        });
        running.Start();
        await client.SendAsync("x"u8.ToArray(), TestContext.Current.CancellationToken);
        for (int i = 0; i < 200 && seen.Count < 3; i++)
        {
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }

        reactor.Stop(); // from this thread: the eventfd wakes it
        Assert.True(running.Join(TimeSpan.FromSeconds(5)), "Stop did not end Run");
        Assert.Equal(["ready", "timer", "turn"], seen.Select(s => s.What).Order());
        Assert.All(seen, s => Assert.Equal(runThread, s.Thread));
        Assert.NotEqual(Environment.CurrentManagedThreadId, runThread);
    }
}
