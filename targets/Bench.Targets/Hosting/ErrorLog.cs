namespace Bench.Servers.Hosting;

/// <summary>
/// Per-connection errors go to stderr, at most a few lines a second, so a flood of bad clients
/// cannot turn logging into the bottleneck being measured.
/// </summary>
public sealed class ErrorLog(TextWriter writer, int linesPerSecond = 5)
{
    private readonly Lock _gate = new();
    private long _windowStart;
    private int _linesInWindow;
    private int _suppressed;

    public void Write(string message)
    {
        lock (_gate)
        {
            long now = Environment.TickCount64;
            if (now - _windowStart >= 1000)
            {
                if (_suppressed > 0)
                {
                    writer.WriteLine($"({_suppressed} more connection errors suppressed)");
                }

                _windowStart = now;
                _linesInWindow = 0;
                _suppressed = 0;
            }

            if (_linesInWindow++ < linesPerSecond)
            {
                writer.WriteLine(message);
            }
            else
            {
                _suppressed++;
            }
        }
    }
}
