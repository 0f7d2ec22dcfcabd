namespace Bench.Scenarios;

/// <summary>A response counts as a success only with this status (and this exact body, when one is given).</summary>
public sealed record ExpectedResponse(int Status, string? Body)
{
    public const int DefaultStatus = 200;
}
