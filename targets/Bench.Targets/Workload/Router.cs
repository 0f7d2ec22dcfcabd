using System.Buffers.Text;
using Bench.Servers.Http;

namespace Bench.Servers.Workload;

/// <summary>
/// Maps a request target to the work it asks for. Shared by every hand-written model, so the
/// models differ only in how they obtain concurrency, never in what they compute.
/// </summary>
public static class Router
{
    public const int MaxMilliseconds = 60_000;
    public const int MaxRounds = 10_000_000;
    public const int MaxKeyLength = 128;
    public const int MaxValueLength = 4096;

    private static readonly System.Buffers.SearchValues<byte> KeyBytes =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._:-"u8);

    private static readonly Response Hello = new(200, "Hello, World!"u8.ToArray());
    private static readonly Response NotFound = Response.Text(404, "not found\n");
    private static readonly Response MethodNotAllowed = Response.Text(405, "method not allowed\n");

    public static readonly Response Ok = new(200, "OK"u8.ToArray());

    public static Work Route(bool isGet, ReadOnlySpan<byte> target)
    {
        int q = target.IndexOf((byte)'?');
        var path = q < 0 ? target : target[..q];
        var query = q < 0 ? [] : target[(q + 1)..];

        if (!IsKnownPath(path))
        {
            return Work.Respond(NotFound);
        }

        if (!isGet)
        {
            return Work.Respond(MethodNotAllowed);
        }

        if (path.SequenceEqual("/hello"u8))
        {
            return Work.Respond(Hello);
        }

        if (path.SequenceEqual("/info"u8))
        {
            return new Work(WorkKind.Info, default);
        }

        if (path.SequenceEqual("/redis"u8) || path.SequenceEqual("/redis-blocking"u8))
        {
            var kind = path.SequenceEqual("/redis"u8) ? WorkKind.Redis : WorkKind.RedisBlocking;
            if (!TryGetText(query, "key"u8, MaxKeyLength, required: true, out string? key, out var keyError)
                || !TryGetText(query, "set"u8, MaxValueLength, required: false, out string? value, out keyError))
            {
                return Work.Respond(keyError);
            }

            return new Work(kind, default, Key: key, Value: value);
        }

        if (path.SequenceEqual("/rpc"u8))
        {
            return TryGetInt(query, "n"u8, 0, MaxRounds, required: true, out int rpcRounds, out var rpcError)
                ? new Work(WorkKind.Rpc, default, Rounds: rpcRounds)
                : Work.Respond(rpcError);
        }

        if (path.SequenceEqual("/cpu"u8))
        {
            if (!TryGetInt(query, "n"u8, 0, MaxRounds, required: true, out int rounds, out var error)
                || !TryGetInt(query, "yield"u8, 1, MaxRounds, required: false, out int yieldEvery, out error))
            {
                return Work.Respond(error);
            }

            return new Work(WorkKind.Cpu, default, Rounds: rounds, YieldEvery: yieldEvery);
        }

        if (!TryGetInt(query, "ms"u8, 0, MaxMilliseconds, required: true, out int ms, out var msError))
        {
            return Work.Respond(msError);
        }

        return new Work(path.SequenceEqual("/io"u8) ? WorkKind.Io : WorkKind.Block, default, Milliseconds: ms);
    }

    private static bool IsKnownPath(ReadOnlySpan<byte> path) =>
        path.SequenceEqual("/hello"u8) || path.SequenceEqual("/io"u8) || path.SequenceEqual("/cpu"u8)
        || path.SequenceEqual("/blocking"u8) || path.SequenceEqual("/info"u8)
        || path.SequenceEqual("/redis"u8) || path.SequenceEqual("/redis-blocking"u8) || path.SequenceEqual("/rpc"u8);

    /// <summary>
    /// A key or value of letters, digits and <c>. _ : -</c>, 1 to <paramref name="maxLength"/> of them: nothing to
    /// percent-decode, and never the <c>(nil)</c> a missing key answers.
    /// </summary>
    private static bool TryGetText(ReadOnlySpan<byte> query, ReadOnlySpan<byte> name, int maxLength, bool required, out string? value, out Response error)
    {
        value = null;
        error = default;
        if (TryFind(query, name, out var text) && text.Length is > 0 && text.Length <= maxLength && !text.ContainsAnyExcept(KeyBytes))
        {
            value = System.Text.Encoding.ASCII.GetString(text);
            return true;
        }

        if (required || HasParameter(query, name))
        {
            error = Response.Text(400, $"parameter '{System.Text.Encoding.ASCII.GetString(name)}' must be 1 to {maxLength} letters, digits or . _ : -\n");
            return false;
        }

        return true;
    }

    /// <summary>The value of the first <c>name=value</c> pair of the query with this name; false when there is none.</summary>
    private static bool TryFind(ReadOnlySpan<byte> query, ReadOnlySpan<byte> name, out ReadOnlySpan<byte> value)
    {
        foreach (var range in query.Split((byte)'&'))
        {
            var pair = query[range];
            int eq = pair.IndexOf((byte)'=');
            if (eq >= 0 && pair[..eq].SequenceEqual(name))
            {
                value = pair[(eq + 1)..];
                return true;
            }
        }

        value = default;
        return false;
    }

    private static bool HasParameter(ReadOnlySpan<byte> query, ReadOnlySpan<byte> name)
    {
        foreach (var range in query.Split((byte)'&'))
        {
            var pair = query[range];
            int eq = pair.IndexOf((byte)'=');
            if ((eq < 0 ? pair : pair[..eq]).SequenceEqual(name))
            {
                return true;
            }
        }

        return false;
    }

    private static bool TryGetInt(
        ReadOnlySpan<byte> query, ReadOnlySpan<byte> name, int min, int max, bool required, out int value, out Response error)
    {
        value = 0;
        error = default;
        if (TryFind(query, name, out var text))
        {
            if (Utf8Parser.TryParse(text, out long parsed, out int used) && used == text.Length && parsed >= min && parsed <= max)
            {
                value = (int)parsed;
                return true;
            }

            error = BadParameter(name, min, max);
            return false;
        }

        if (required)
        {
            error = BadParameter(name, min, max);
            return false;
        }

        return true;
    }

    private static Response BadParameter(ReadOnlySpan<byte> name, int min, int max) =>
        Response.Text(400, $"parameter '{System.Text.Encoding.ASCII.GetString(name)}' must be an integer from {min} to {max}\n");
}
