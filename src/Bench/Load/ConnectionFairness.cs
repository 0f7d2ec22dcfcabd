namespace Bench.Load;

/// <summary>
/// How evenly a closed run's connections (its users) were served in the measured window: how many received no
/// response at all, and Jain's fairness index over the responses each received — 1 when every connection got the
/// same share, 1/n when one connection got everything. A sync server at 256 connections serves one and starves
/// 255: its per-request error rate looks small, this does not.
/// </summary>
/// <param name="Connections">The users of the level.</param>
/// <param name="Starved">Connections that received no response in the window.</param>
/// <param name="JainIndex">(Σx)² ÷ (n·Σx²) over the responses per connection; null when no connection received any.</param>
public sealed record ConnectionFairness(int Connections, int Starved, double? JainIndex)
{
    public static ConnectionFairness Of(IReadOnlyCollection<long> responsesPerConnection)
    {
        double sum = 0, squares = 0;
        int starved = 0;
        foreach (long responses in responsesPerConnection)
        {
            sum += responses;
            squares += (double)responses * responses;
            starved += responses == 0 ? 1 : 0;
        }

        int n = responsesPerConnection.Count;
        return new ConnectionFairness(n, starved, sum > 0 ? sum * sum / (n * squares) : null);
    }
}
