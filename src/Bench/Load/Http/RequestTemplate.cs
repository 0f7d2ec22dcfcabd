using System.Text.RegularExpressions;

namespace Bench.Load.Http;

/// <summary>
/// A request path whose <c>{connection}</c> (the connection's number) and <c>{request}</c> (a counter per connection)
/// vary per connection and per request. The request is encoded once with each placeholder as a fixed-width field of
/// zeros; a connection takes its own copy with its number written in, and before each request its counter's digits
/// are written over the previous ones in place — no allocation, no re-encoding, the length never changes.
/// </summary>
public sealed partial class RequestTemplate
{
    /// <summary>Digits of a <c>{connection}</c> field: numbers up to 999 999.</summary>
    public const int ConnectionDigits = 6;

    /// <summary>Digits of a <c>{request}</c> field: the counter wraps after 10¹⁰ requests on one connection.</summary>
    public const int RequestDigits = 10;

    public const string Connection = "{connection}";
    public const string Request = "{request}";

    private RequestTemplate(string path, int[] connectionFields, int[] requestFields)
    {
        Path = path;
        ConnectionFields = connectionFields;
        RequestFields = requestFields;
    }

    /// <summary>The path with every field zeroed: what is encoded.</summary>
    public string Path { get; }

    /// <summary>Where each <c>{connection}</c> field starts, in <see cref="Path"/>.</summary>
    public int[] ConnectionFields { get; }

    /// <summary>Where each <c>{request}</c> field starts, in <see cref="Path"/>.</summary>
    public int[] RequestFields { get; }

    public bool Varies => ConnectionFields.Length + RequestFields.Length > 0;

    /// <summary>
    /// The template of <paramref name="pathAndQuery"/>, as written or as <see cref="Uri"/> escapes it
    /// (<c>%7Bconnection%7D</c>).
    /// </summary>
    public static RequestTemplate Of(string pathAndQuery)
    {
        var connection = new List<int>();
        var request = new List<int>();
        var path = new System.Text.StringBuilder();
        int at = 0;
        foreach (Match m in FieldPattern().Matches(pathAndQuery))
        {
            path.Append(pathAndQuery, at, m.Index - at);
            bool isConnection = m.Groups["name"].Value == "connection";
            (isConnection ? connection : request).Add(path.Length);
            path.Append('0', isConnection ? ConnectionDigits : RequestDigits);
            at = m.Index + m.Length;
        }

        path.Append(pathAndQuery, at, pathAndQuery.Length - at);
        return new RequestTemplate(path.ToString(), [.. connection], [.. request]);
    }

    /// <summary>Why <paramref name="path"/>'s placeholders are wrong (a <c>{…}</c> other than the two), or null.</summary>
    public static string? Problem(string path)
    {
        foreach (Match m in AnyPlaceholderPattern().Matches(path))
        {
            string name = m.Groups["name"].Value;
            if (name is not ("connection" or "request"))
            {
                return $"unknown placeholder '{{{name}}}' in the path: only {Connection} (the connection's number) and {Request} (a counter per connection)";
            }
        }

        return null;
    }

    /// <summary>Writes <paramref name="value"/> as zero-padded decimal digits filling <paramref name="field"/> (modulo its width).</summary>
    public static void WriteDigits(Span<byte> field, long value)
    {
        ulong rest = (ulong)value;
        for (int i = field.Length - 1; i >= 0; i--)
        {
            field[i] = (byte)('0' + (rest % 10));
            rest /= 10;
        }
    }

    [GeneratedRegex(@"(?:\{|%7[Bb])(?<name>connection|request)(?:\}|%7[Dd])")]
    private static partial Regex FieldPattern();

    [GeneratedRegex(@"(?:\{|%7[Bb])(?<name>[^{}/?&=%]*)(?:\}|%7[Dd])")]
    private static partial Regex AnyPlaceholderPattern();
}
