using System.Text.Json;
using Bench.Launch.Verification;

namespace Bench.Tests.Support;

/// <summary>Reads a running target's /info document.</summary>
public static class TargetInfo
{
    public static async Task<long> RequestsServedAsync(int port, CancellationToken cancellationToken)
    {
        var response = await HttpProbe.GetAsync(port, "/info", TimeSpan.FromSeconds(10), cancellationToken);
        using var json = JsonDocument.Parse(response.Body);
        return json.RootElement.GetProperty("requestsServed").GetInt64();
    }
}
