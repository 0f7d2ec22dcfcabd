namespace Bench.Launch.Differences;

/// <summary>
/// How one catalogue entry answers one of the contract's checks differently (<see cref="ContractChecks"/>): the status it
/// sends instead (<see cref="NoStatusLine"/> when it answers without one), whether it closes instead, and why — one
/// sentence for the docs and <c>bench targets</c>. A field left out keeps the contract's behaviour for that check.
/// </summary>
public sealed record ContractDifference(string Check, int? Status, bool? Closes, string Why)
{
    /// <summary><c>status: none</c>: the answer is no HTTP response at all (an HTTP/0.9-style page, or nothing).</summary>
    public const int NoStatusLine = 0;

    /// <summary>"status 400, closes" — what the docs and <c>bench targets</c> print before the reason.</summary>
    public string Summary => string.Join(", ", new[]
    {
        Status switch { null => null, NoStatusLine => "no status line", { } s => $"status {s}" },
        Closes switch { null => null, true => "closes", false => "keeps the connection" },
    }.OfType<string>());
}
