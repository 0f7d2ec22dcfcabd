namespace Bench.Launch;

/// <summary>The last lines a target wrote (its stderr), kept for the error that says why it did not start. Thread-safe.</summary>
internal sealed class OutputTail
{
    private const int LinesKept = 20;

    private readonly Queue<string> _lines = new();
    private readonly Lock _gate = new();

    public void Add(string line)
    {
        lock (_gate)
        {
            _lines.Enqueue(line);
            while (_lines.Count > LinesKept)
            {
                _lines.Dequeue();
            }
        }
    }

    public override string ToString()
    {
        lock (_gate)
        {
            return string.Join(Environment.NewLine, _lines);
        }
    }
}
