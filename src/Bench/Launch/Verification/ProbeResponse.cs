namespace Bench.Launch.Verification;

/// <summary>One response read by <see cref="HttpProbe"/>.</summary>
public sealed record ProbeResponse(int Status, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public bool AsksToClose => Headers.TryGetValue("connection", out string? value) && value.Contains("close", StringComparison.OrdinalIgnoreCase);
}
