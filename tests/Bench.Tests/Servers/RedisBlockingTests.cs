using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Bench.Launch.Verification;
using Bench.Tests.Support;

namespace Bench.Tests.Servers;

/// <summary>
/// /redis-blocking is the synchronous Redis client inside an event loop — the pitfall on purpose. Behind a Redis that
/// accepts and never answers, it holds the loop's one thread until the client's 2 s timeout, so /hello on another
/// connection waits; /redis, awaited (or called back) on the loop, leaves the loop free to answer /hello at once.
/// </summary>
[Collection(nameof(RedisBlockingTests))]
[CollectionDefinition(nameof(RedisBlockingTests), DisableParallelization = true)]
public sealed class RedisBlockingTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The Python models whose handlers all run on one event loop (asyncio, uvloop, selectors).</summary>
    public static TheoryData<string> PythonLoops =>
        new("py-asyncio-streams", "py-asyncio-protocol", "py-uvloop-protocol", "py-callbacks", "py-generators");

    [Theory]
    [MemberData(nameof(PythonLoops))]
    public async Task Given_a_redis_that_never_answers_then_redis_blocking_stalls_hello_and_redis_does_not(string model)
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var held = new List<Socket>();
        using var accepting = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var accept = AcceptAllAsync(silent, held, accepting.Token);
        try
        {
            await using var target = await RunningTarget.StartAsync(model, "--redis", ((IPEndPoint)silent.LocalEndpoint).Port.ToString());

            var awaited = await HelloWhileInFlightAsync(target.Port, "/redis?key=k");
            var blocking = await HelloWhileInFlightAsync(target.Port, "/redis-blocking?key=k");

            Assert.True(awaited < TimeSpan.FromMilliseconds(700), $"/hello took {awaited.TotalMilliseconds:0} ms beside an awaited /redis");
            Assert.True(blocking > TimeSpan.FromMilliseconds(1000), $"/hello took only {blocking.TotalMilliseconds:0} ms beside /redis-blocking");
        }
        finally
        {
            await accepting.CancelAsync();
            await accept;
            held.ForEach(s => s.Dispose());
        }
    }

    /// <summary>How long /hello takes on a second connection while <paramref name="path"/> waits on the silent Redis.</summary>
    private static async Task<TimeSpan> HelloWhileInFlightAsync(int port, string path)
    {
        await using var waiting = await HttpProbe.ConnectAsync(port, Ct);
        await waiting.SendAsync($"GET {path} HTTP/1.1\r\nHost: t\r\n\r\n", Ct);
        await Task.Delay(300, Ct); // the request reaches the handler, which calls the silent Redis
        var clock = Stopwatch.StartNew();
        var hello = await HttpProbe.GetAsync(port, "/hello", Timeout, Ct);
        clock.Stop();
        Assert.Equal(200, hello.Status);
        return clock.Elapsed;
    }

    private static async Task AcceptAllAsync(TcpListener listener, List<Socket> held, CancellationToken ct)
    {
        try
        {
            while (true)
            {
                held.Add(await listener.AcceptSocketAsync(ct)); // accepted, never read or answered
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
