namespace Bench.Launch.Differences;

/// <summary>
/// The contract suite's checks a catalogue entry may record a difference for (<c>differences:</c> in targets.yaml), and
/// whether each takes a status: every one takes <c>closes</c>. The contract and bad-input tests name their cases with
/// these, and a test holds the two lists equal, so a difference can only be recorded for a check that runs.
/// </summary>
public static class ContractChecks
{
    /// <summary>Bad input (the contract's status, and whether the server closes right after answering).</summary>
    public static readonly IReadOnlyList<string> BadInput =
    [
        "unknown path", "other method", "non-numeric parameter", "missing parameter", "out-of-range parameter",
        "too many rounds", "zero yield", "malformed request line", "malformed header", "head over 8 KiB",
        "body over 1 MiB", "transfer encoding", "binary garbage",
    ];

    /// <summary>
    /// Connection behaviour, <c>closes</c> only: for keep-alive, pipelining and a body then the next request, true means
    /// the server answers the first request and closes; for Connection: close and HTTP/1.0, false means it keeps the
    /// connection; for header timeout, false means a stalled head holds the connection.
    /// </summary>
    public static readonly IReadOnlyList<string> Connection =
        ["keep-alive", "pipelining", "body then next request", "connection close", "HTTP/1.0", "header timeout"];

    public static IEnumerable<string> All => BadInput.Concat(Connection);

    public static bool TakesStatus(string check) => BadInput.Contains(check);
}
