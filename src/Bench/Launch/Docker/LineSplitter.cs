using System.Text;

namespace Bench.Launch.Docker;

/// <summary>
/// Turns a byte stream (one of a container's log streams, which arrive in frames cut anywhere, even inside a UTF-8
/// character) into whole lines without their line ends.
/// </summary>
public sealed class LineSplitter
{
    private readonly Decoder _decoder = Encoding.UTF8.GetDecoder();
    private readonly StringBuilder _pending = new();
    private char[] _chars = new char[1024];

    /// <summary>The lines completed by <paramref name="bytes"/>.</summary>
    public IReadOnlyList<string> Feed(ReadOnlySpan<byte> bytes)
    {
        int needed = _decoder.GetCharCount(bytes, flush: false);
        if (needed > _chars.Length)
        {
            _chars = new char[needed];
        }

        int count = _decoder.GetChars(bytes, _chars, flush: false);
        var lines = new List<string>();
        int start = 0;
        for (int i = 0; i < count; i++)
        {
            if (_chars[i] == '\n')
            {
                _pending.Append(_chars, start, i - start);
                lines.Add(TakeLine());
                start = i + 1;
            }
        }

        _pending.Append(_chars, start, count - start);
        return lines;
    }

    /// <summary>The last line when the stream ended without a line end; null when nothing is pending.</summary>
    public string? Flush() => _pending.Length > 0 ? TakeLine() : null;

    private string TakeLine()
    {
        if (_pending.Length > 0 && _pending[^1] == '\r')
        {
            _pending.Length--;
        }

        string line = _pending.ToString();
        _pending.Clear();
        return line;
    }
}
