using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Bench.Launch;
using Bench.Launch.Docker;
using Bench.Launch.Verification;
using Bench.Tests.Support;

namespace Bench.Tests.Servers;

/// <summary>
/// /redis on every entry behind Redis, each started beside a real redis-server as a run starts it: a GET after a SET
/// returns the value from Redis, a missing key (nil); and a Redis that is down is a 503 with one line, never a crash.
/// </summary>
public sealed class RedisTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>The entries whose every handler runs on one loop thread, Redis replies included: their own client on the loop.</summary>
    private static readonly string[] OneLoop =
        ["eventloop-redis", "callbacks-redis", "generators-redis", "py-asyncio-streams-redis", "py-asyncio-protocol-redis", "py-uvloop-protocol-redis", "py-callbacks-redis", "py-generators-redis"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> BehindRedis => Models.Needing("redis");

    public static TheoryData<string> CSharpModels => new(Models.CSharp);

    public static TheoryData<string> PythonModels => new(Models.Python);

    private static Task<ProbeResponse> GetAsync(int port, string path) => HttpProbe.GetAsync(port, path, Timeout, Ct);

    [Theory]
    [MemberData(nameof(BehindRedis))]
    public async Task Given_a_key_set_through_the_target_then_a_get_returns_its_value_and_a_missing_key_nil(string entry)
    {
        var definition = RepositoryFiles.Catalog().Find(entry)!;
        await using var launcher = new TargetLauncher(new DockerTargets(dockerHost: null));
        await using var target = await launcher.StartAsync(definition, new TargetLaunchOptions { ReadyTimeout = Timeout }, Ct);
        string key = $"test:{entry}:{Guid.NewGuid():N}";

        var set = await GetAsync(target.Port, $"/redis?key={key}&set=v-{entry}");
        var get = await GetAsync(target.Port, $"/redis?key={key}");
        var missing = await GetAsync(target.Port, $"/redis?key={key}:missing");

        Assert.Equal((200, "OK"), (set.Status, set.Body));
        Assert.Equal((200, $"v-{entry}"), (get.Status, get.Body));
        Assert.Equal((200, ContractVerifier.RedisNil), (missing.Status, missing.Body));
        // What the target stored is in Redis itself, not in the target.
        Assert.Equal($"v-{entry}", await RawGetAsync(launcher.Dependencies.Ports["redis"], key));
        if (definition.Supports.Contains("/redis-blocking"))
        {
            Assert.Equal($"v-{entry}", (await GetAsync(target.Port, $"/redis-blocking?key={key}")).Body);
        }

        if (OneLoop.Contains(entry))
        {
            // The reactor's own client: every handler, Redis replies included, ran on the one reactor thread.
            using var info = JsonDocument.Parse((await GetAsync(target.Port, "/info")).Body);
            Assert.Equal(1, info.RootElement.GetProperty("handlerThreads").GetInt32());
        }
    }

    [Theory]
    [MemberData(nameof(CSharpModels))]
    [MemberData(nameof(PythonModels))]
    public async Task Given_redis_is_down_then_redis_answers_503_with_one_line_and_the_target_keeps_serving(string model)
    {
        int closed = ClosedPort();
        await using var server = await RunningTarget.StartAsync(model, "--redis", closed.ToString());
        string[] paths = ["/redis?key=k", "/redis?key=k&set=v", "/redis-blocking?key=k"];

        foreach (string path in paths)
        {
            var response = await GetAsync(server.Port, path);
            Assert.Equal(503, response.Status);
            Assert.StartsWith("redis: ", response.Body, StringComparison.Ordinal);
            Assert.Equal(1, response.Body.Count(c => c == '\n'));
        }

        Assert.Equal("Hello, World!", (await GetAsync(server.Port, "/hello")).Body);
    }

    [Theory]
    [MemberData(nameof(CSharpModels))]
    public async Task Given_no_redis_port_then_redis_answers_503_saying_so(string model)
    {
        await using var server = await RunningTarget.StartAsync(model);

        var response = await GetAsync(server.Port, "/redis?key=k");

        Assert.Equal((503, "redis: not configured (start the target with --redis <port>)\n"), (response.Status, response.Body));
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>GET straight from Redis in RESP, without the target.</summary>
    private static async Task<string> RawGetAsync(int port, string key)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port), Ct);
        await socket.SendAsync(Bench.Servers.Redis.Resp.Command(key, null), Ct);
        var buffer = new byte[4096];
        int length = 0;
        Bench.Servers.Http.Response answer;
        while (!Bench.Servers.Redis.Resp.TryParse(buffer.AsSpan(0, length), out answer, out _))
        {
            length += await socket.ReceiveAsync(buffer.AsMemory(length), Ct);
        }

        return System.Text.Encoding.ASCII.GetString(answer.Body.Span);
    }
}
