using System.Text.Json;

namespace Bench.Targets.Verification;

/// <summary>
/// Checks a running target against the target contract (README, "The target contract"): the endpoints,
/// the CPU digest against Bench's own reference, keep-alive, and that bad input gets the right status
/// without stopping the server.
/// </summary>
public sealed class ContractVerifier(TimeSpan requestTimeout)
{
    private const int DigestRounds = 1000;

    private static readonly string[] InfoFields = ["model", "pid", "osThreads", "openConnections", "requestsServed", "handlerThreads"];

    public Task<IReadOnlyList<CheckResult>> VerifyAsync(int port, CancellationToken cancellationToken) =>
        VerifyAsync(port, [], cancellationToken);

    /// <summary>Runs the checks of the endpoints in <paramref name="supports"/> (all when empty), plus the protocol checks.</summary>
    public async Task<IReadOnlyList<CheckResult>> VerifyAsync(int port, IReadOnlyCollection<string> supports, CancellationToken cancellationToken)
    {
        string digest = ReferenceDigest.Compute(DigestRounds);
        var checks = new (string Name, string Endpoint, Func<Task<string?>> Run)[]
        {
            ("hello", "/hello", () => Expect(port, "/hello", 200, "Hello, World!", cancellationToken)),
            ("cpu digest", "/cpu", () => Expect(port, $"/cpu?n={DigestRounds}", 200, digest, cancellationToken)),
            ("cpu digest with yield", "/cpu", () => Expect(port, $"/cpu?n={DigestRounds}&yield=100", 200, digest, cancellationToken)),
            ("io wait", "/io", () => Expect(port, "/io?ms=1", 200, null, cancellationToken)),
            ("blocking", "/blocking", () => Expect(port, "/blocking?ms=1", 200, null, cancellationToken)),
            ("info", "/info", () => CheckInfoAsync(port, cancellationToken)),
            ("unknown path 404", "/hello", () => Expect(port, "/nope", 404, null, cancellationToken)),
            ("bad parameter 400", "/io", () => Expect(port, "/io?ms=-1", 400, null, cancellationToken)),
            ("other method 405", "/hello", () => ExpectRawAsync(port, "POST /hello HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n", 405, false, cancellationToken)),
            ("malformed request 400 and close", "/hello", () => ExpectRawAsync(port, "NOT HTTP\r\n\r\n", 400, true, cancellationToken)),
            ("keep-alive", "/hello", () => CheckKeepAliveAsync(port, cancellationToken)),
            ("still serving", "/hello", () => Expect(port, "/hello", 200, "Hello, World!", cancellationToken)),
        };

        var results = new List<CheckResult>();
        foreach (var (name, endpoint, run) in checks)
        {
            if (supports.Count > 0 && !supports.Contains(endpoint))
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

    private async Task<string?> Expect(int port, string target, int status, string? body, CancellationToken cancellationToken)
    {
        var response = await HttpProbe.GetAsync(port, target, requestTimeout, cancellationToken);
        return Describe(response, status, body);
    }

    private async Task<string?> ExpectRawAsync(int port, string raw, int status, bool mustClose, CancellationToken cancellationToken)
    {
        await using var probe = await HttpProbe.ConnectAsync(port, cancellationToken);
        await probe.SendAsync(raw, cancellationToken);
        var response = await probe.ReadResponseAsync(requestTimeout, cancellationToken);
        if (Describe(response, status, null) is { } failure)
        {
            return failure;
        }

        return mustClose && !await probe.IsClosedByServerAsync(requestTimeout, cancellationToken) ? "connection left open" : null;
    }

    private async Task<string?> CheckKeepAliveAsync(int port, CancellationToken cancellationToken)
    {
        await using var probe = await HttpProbe.ConnectAsync(port, cancellationToken);
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

    private async Task<string?> CheckInfoAsync(int port, CancellationToken cancellationToken)
    {
        var response = await HttpProbe.GetAsync(port, "/info", requestTimeout, cancellationToken);
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
