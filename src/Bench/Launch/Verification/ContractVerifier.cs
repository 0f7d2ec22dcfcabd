using System.Net;
using System.Text.Json;
using Bench.Launch.Differences;

namespace Bench.Launch.Verification;

/// <summary>
/// Checks a running target against the target contract (README, "The target contract"): the endpoints,
/// the CPU digest against Bench's own reference, keep-alive, and that bad input gets the right status
/// without stopping the server, and that the waits really wait (a target that answers /io at once would make every
/// I/O-bound number meaningless). Where the catalogue records that the target answers a check its own way (gunicorn,
/// Werkzeug: docs/targets.md, "Contract differences"), the check holds it to what is recorded instead.
/// </summary>
public sealed class ContractVerifier(TimeSpan requestTimeout, TimeProvider? timeProvider = null)
{
    private const int DigestRounds = 1000;

    /// <summary>What /io and /blocking are asked to wait: long enough to tell from an answer at once on any machine.</summary>
    public const int WaitMs = 50;

    /// <summary>
    /// How much earlier than asked a wait may end without the target skipping it: .NET's timers read a coarse clock
    /// (Environment.TickCount64, one kernel tick: 4 ms at HZ=250, 10 ms at HZ=100), so a Task.Delay(50) can end up to a
    /// tick early (measured here: 49.5 ms, and once 47.5 ms in a clean-clone test run). A target that answers at once
    /// takes under 5 ms, far below 50 − 10.
    /// </summary>
    public const int TimerSlackMs = 10;

    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    /// <summary>Endpoints checked only where the catalogue says the target serves them: they need a dependency running (docs/targets.md).</summary>
    private static readonly string[] OptIn = ["/redis", "/redis-blocking", "/rpc"];

    private static readonly string[] InfoFields = ["model", "pid", "osThreads", "openConnections", "requestsServed", "handlerThreads"];

    public Task<IReadOnlyList<CheckResult>> VerifyAsync(int port, CancellationToken cancellationToken) =>
        VerifyAsync(port, [], cancellationToken);

    public Task<IReadOnlyList<CheckResult>> VerifyAsync(int port, IReadOnlyCollection<string> supports, CancellationToken cancellationToken) =>
        VerifyAsync(port, supports, new Dictionary<string, ContractDifference>(), cancellationToken);

    /// <summary>
    /// Runs the checks of the endpoints in <paramref name="supports"/> (all but /redis's when empty), plus the protocol checks, each as
    /// <paramref name="differences"/> records it for this target where it does.
    /// </summary>
    public Task<IReadOnlyList<CheckResult>> VerifyAsync(
        int port, IReadOnlyCollection<string> supports, IReadOnlyDictionary<string, ContractDifference> differences, CancellationToken cancellationToken) =>
        VerifyAsync(IPAddress.Loopback, port, supports, differences, cancellationToken);

    /// <summary>
    /// As above, against a target at <paramref name="address"/> (its <see cref="IRunningTarget.Address"/>): loopback, or
    /// a swarm node's address named in $BENCH_ALLOW_HOSTS; any other is refused before the first check
    /// (<see cref="HttpProbe.EnsureAllowed(IPAddress)"/>).
    /// </summary>
    public async Task<IReadOnlyList<CheckResult>> VerifyAsync(
        IPAddress address, int port, IReadOnlyCollection<string> supports, IReadOnlyDictionary<string, ContractDifference> differences,
        CancellationToken cancellationToken)
    {
        HttpProbe.EnsureAllowed(address);
        var server = new IPEndPoint(address, port);
        var malformed = differences.GetValueOrDefault("malformed request line");
        bool keepAliveCloses = differences.GetValueOrDefault("keep-alive")?.Closes == true;
        string digest = ReferenceDigest.Compute(DigestRounds);
        var checks = new (string Name, string Endpoint, Func<Task<string?>> Run)[]
        {
            ("hello", "/hello", () => Expect(server, "/hello", 200, "Hello, World!", cancellationToken)),
            ("cpu digest", "/cpu", () => Expect(server, $"/cpu?n={DigestRounds}", 200, digest, cancellationToken)),
            ("cpu digest with yield", "/cpu", () => Expect(server, $"/cpu?n={DigestRounds}&yield=100", 200, digest, cancellationToken)),
            ("io wait", "/io", () => ExpectWaitAsync(server, $"/io?ms={WaitMs}", cancellationToken)),
            ("blocking", "/blocking", () => ExpectWaitAsync(server, $"/blocking?ms={WaitMs}", cancellationToken)),
            ("info", "/info", () => CheckInfoAsync(server, cancellationToken)),
            ("unknown path 404", "/hello", () => Expect(server, "/nope", 404, null, cancellationToken)),
            ("bad parameter 400", "/io", () => Expect(server, "/io?ms=-1", 400, null, cancellationToken)),
            ("other method 405", "/hello", () => ExpectRawAsync(server, "POST /hello HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n", 405, false, cancellationToken)),
            malformed is null
                ? ("malformed request 400 and close", "/hello", () => ExpectRawAsync(server, "NOT HTTP\r\n\r\n", 400, true, cancellationToken))
                : ($"malformed request: {malformed.Summary} (recorded)", "/hello", () => ExpectRecordedAsync(server, "NOT HTTP\r\n\r\n", malformed, cancellationToken)),
            keepAliveCloses
                ? ("keep-alive: closes after each response (recorded)", "/hello", () => ExpectRawAsync(server, "GET /hello HTTP/1.1\r\nHost: x\r\n\r\n", 200, true, cancellationToken))
                : ("keep-alive", "/hello", () => CheckKeepAliveAsync(server, cancellationToken)),
            ("redis set then get", "/redis", () => ExpectRedisRoundTripAsync(server, "/redis", cancellationToken)),
            ("redis missing key (nil)", "/redis", () => Expect(server, $"/redis?key={RedisKey("missing")}", 200, RedisNil, cancellationToken)),
            ("redis bad key 400", "/redis", () => Expect(server, "/redis?key=a%20b", 400, null, cancellationToken)),
            ("redis-blocking set then get", "/redis-blocking", () => ExpectRedisRoundTripAsync(server, "/redis-blocking", cancellationToken)),
            ("rpc digest", "/rpc", () => Expect(server, $"/rpc?n={DigestRounds}", 200, digest, cancellationToken)),
            ("rpc digest of another n", "/rpc", () => Expect(server, $"/rpc?n={RpcOtherRounds}", 200, ReferenceDigest.Compute(RpcOtherRounds), cancellationToken)),
            ("rpc bad parameter 400", "/rpc", () => Expect(server, "/rpc?n=x", 400, null, cancellationToken)),
            ("still serving", "/hello", () => Expect(server, "/hello", 200, "Hello, World!", cancellationToken)),
        };

        var results = new List<CheckResult>();
        foreach (var (name, endpoint, run) in checks)
        {
            if ((supports.Count > 0 || OptIn.Contains(endpoint)) && !supports.Contains(endpoint))
            {
                continue;
            }

            string? failure;
            try
            {
                failure = await run();
            }
            catch (Exception e) when (HttpProbe.IsProbeFailure(e))
            {
                failure = e.Message;
            }

            results.Add(new CheckResult(name, failure is null, failure ?? "ok"));
        }

        return results;
    }

    /// <summary>A second round count for /rpc: the worker computes each request's own chain, not one canned answer.</summary>
    private const int RpcOtherRounds = 7;

    /// <summary>What /redis answers for a key Redis does not hold (README, "The target contract").</summary>
    public const string RedisNil = "(nil)";

    /// <summary>A key no other check or run uses: the Redis behind a run is shared by its targets.</summary>
    private static string RedisKey(string what) => $"bench:verify:{what}:{Guid.NewGuid():N}";

    /// <summary>SET a fresh key to a fresh value (200 OK), then GET it back: the value itself, from Redis, not a canned answer.</summary>
    private async Task<string?> ExpectRedisRoundTripAsync(IPEndPoint server, string path, CancellationToken cancellationToken)
    {
        string key = RedisKey("set");
        string value = Guid.NewGuid().ToString("N");
        return await Expect(server, $"{path}?key={key}&set={value}", 200, "OK", cancellationToken)
            ?? await Expect(server, $"{path}?key={key}", 200, value, cancellationToken);
    }

    private async Task<string?> Expect(IPEndPoint server, string target, int status, string? body, CancellationToken cancellationToken)
    {
        var response = await HttpProbe.GetAsync(server.Address, server.Port, target, requestTimeout, cancellationToken);
        return Describe(response, status, body);
    }

    /// <summary>
    /// 200 "OK", and not before <see cref="WaitMs"/> (less <see cref="TimerSlackMs"/>) has passed since the request was
    /// sent — the shorter of two tries, so a first request slowed by a cold start cannot pass for a wait.
    /// </summary>
    private async Task<string?> ExpectWaitAsync(IPEndPoint server, string target, CancellationToken cancellationToken)
    {
        var shortest = TimeSpan.MaxValue;
        for (int attempt = 0; attempt < 2; attempt++)
        {
            await using var probe = await HttpProbe.ConnectAsync(server.Address, server.Port, cancellationToken);
            long sent = _time.GetTimestamp();
            await probe.SendAsync($"GET {target} HTTP/1.1\r\nHost: {HttpProbe.HostHeader(server.Address)}\r\n\r\n", cancellationToken);
            var response = await probe.ReadResponseAsync(requestTimeout, cancellationToken);
            var took = _time.GetElapsedTime(sent);
            if (Describe(response, 200, "OK") is { } failure)
            {
                return failure;
            }

            shortest = took < shortest ? took : shortest;
        }

        return shortest < TimeSpan.FromMilliseconds(WaitMs - TimerSlackMs)
            ? $"answered in {shortest.TotalMilliseconds:0.#} ms: it must wait at least {WaitMs} ms (less {TimerSlackMs} ms of timer resolution) before answering {target}"
            : null;
    }

    private async Task<string?> ExpectRawAsync(IPEndPoint server, string raw, int status, bool mustClose, CancellationToken cancellationToken)
    {
        await using var probe = await HttpProbe.ConnectAsync(server.Address, server.Port, cancellationToken);
        await probe.SendAsync(raw, cancellationToken);
        var response = await probe.ReadResponseAsync(requestTimeout, cancellationToken);
        if (Describe(response, status, null) is { } failure)
        {
            return failure;
        }

        return mustClose && !await probe.IsClosedByServerAsync(requestTimeout, cancellationToken) ? "connection left open" : null;
    }

    /// <summary>The recorded status (or no status line at all), and the recorded close (the contract's, when not recorded).</summary>
    private async Task<string?> ExpectRecordedAsync(IPEndPoint server, string raw, ContractDifference recorded, CancellationToken cancellationToken)
    {
        if (recorded.Status is not ContractDifference.NoStatusLine)
        {
            return await ExpectRawAsync(server, raw, recorded.Status ?? 400, recorded.Closes ?? true, cancellationToken);
        }

        await using var probe = await HttpProbe.ConnectAsync(server.Address, server.Port, cancellationToken);
        await probe.SendAsync(raw, cancellationToken);
        try
        {
            var response = await probe.ReadResponseAsync(requestTimeout, cancellationToken);
            return $"expected no status line, got {response.Status}";
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException)
        {
            return null; // no parseable response, as recorded; the connection is gone (end of stream) or ends below
        }
    }

    private async Task<string?> CheckKeepAliveAsync(IPEndPoint server, CancellationToken cancellationToken)
    {
        await using var probe = await HttpProbe.ConnectAsync(server.Address, server.Port, cancellationToken);
        for (int i = 0; i < 3; i++)
        {
            await probe.SendAsync("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n", cancellationToken);
            var response = await probe.ReadResponseAsync(requestTimeout, cancellationToken);
            if (Describe(response, 200, "Hello, World!") is { } failure)
            {
                return $"request {i + 1} on one connection: {failure}";
            }
        }

        return null;
    }

    private async Task<string?> CheckInfoAsync(IPEndPoint server, CancellationToken cancellationToken)
    {
        var response = await HttpProbe.GetAsync(server.Address, server.Port, "/info", requestTimeout, cancellationToken);
        if (Describe(response, 200, null) is { } failure)
        {
            return failure;
        }

        try
        {
            using var json = JsonDocument.Parse(response.Body);
            var missing = InfoFields.Where(f => !json.RootElement.TryGetProperty(f, out _)).ToArray();
            return missing.Length == 0 ? null : $"missing fields: {string.Join(", ", missing)}";
        }
        catch (JsonException e)
        {
            return $"not JSON: {e.Message}";
        }
    }

    private static string? Describe(ProbeResponse response, int status, string? body)
    {
        if (response.Status != status)
        {
            return $"expected {status}, got {response.Status}";
        }

        return body is not null && response.Body != body ? $"expected body '{body}', got '{Shorten(response.Body)}'" : null;
    }

    private static string Shorten(string text) => text.Length <= 70 ? text : text[..70] + "…";
}
