namespace Bench.Tests.Support;

/// <summary>How the contract tests watch a connection the catalogue records as kept open after an answer.</summary>
public static class Connections
{
    /// <summary>
    /// Shorter than any entry's idle keep-alive timeout (gunicorn gthread's follows the header timeout, 1 s in these
    /// tests), so an idle close later on is not taken for a close right after the answer.
    /// </summary>
    public static readonly TimeSpan KeptOpen = TimeSpan.FromMilliseconds(300);

    /// <summary>How long a stalled head is watched on an entry recorded as having no header timeout: 3 × the tests' 1 s.</summary>
    public static readonly TimeSpan StalledHeadHeld = TimeSpan.FromSeconds(3);
}
