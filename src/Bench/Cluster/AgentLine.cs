using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Bench.Cluster;

/// <summary>
/// The agent protocol's framing: one JSON document per line over a TCP connection, at most <see cref="MaxBytes"/> (a
/// level's report with its histograms is tens of KiB; a million connections' counts stay under it).
/// </summary>
internal static class AgentLine
{
    public const int MaxBytes = 64 * 1024 * 1024;

    public static async Task WriteAsync<T>(NetworkStream stream, T value, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        byte[] json = JsonSerializer.SerializeToUtf8Bytes(value, type);
        await stream.WriteAsync(json, cancellationToken);
        await stream.WriteAsync("\n"u8.ToArray(), cancellationToken);
        await stream.FlushAsync(cancellationToken);
    }

    /// <summary>The next line's document; null when the peer closed the connection before a whole line.</summary>
    public static async Task<T?> ReadAsync<T>(NetworkStream stream, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, CancellationToken cancellationToken)
        where T : class
    {
        using var line = new MemoryStream();
        byte[] buffer = new byte[16 * 1024];
        while (true)
        {
            int read = await stream.ReadAsync(buffer, cancellationToken);
            if (read == 0)
            {
                return null;
            }

            int end = Array.IndexOf(buffer, (byte)'\n', 0, read);
            line.Write(buffer, 0, end < 0 ? read : end);
            if (line.Length > MaxBytes)
            {
                throw new InvalidDataException($"a line longer than {MaxBytes / (1024 * 1024)} MiB");
            }

            if (end >= 0)
            {
                try
                {
                    return JsonSerializer.Deserialize(line.GetBuffer().AsSpan(0, (int)line.Length), type)
                        ?? throw new InvalidDataException("an empty document");
                }
                catch (JsonException e)
                {
                    throw new InvalidDataException($"not the agent protocol ({e.Message}): {Encoding.UTF8.GetString(line.GetBuffer(), 0, (int)Math.Min(80, line.Length))}", e);
                }
            }
        }
    }
}
