using System.Net;
using System.Text;
using Bench.Load;
using Bench.Load.Http;
using Bench.Load.Platform;

namespace Bench.Sdk;

/// <summary>
/// A request for <see cref="Http.Send"/>, made by <see cref="Http.CreateRequest"/>: immutable, encoded to its bytes once
/// per address and reused by every call (create it once, outside the scenario's function, to send it for free).
/// </summary>
public sealed class BenchHttpRequest
{
    private readonly KeyValuePair<string, string>[] _headers;
    private Encoded? _encoded;

    internal BenchHttpRequest(string method, Uri url, KeyValuePair<string, string>[] headers, byte[] body)
    {
        Method = method;
        Url = url;
        _headers = headers;
        Body = body;
    }

    public string Method { get; }

    /// <summary>Absolute (<c>http://127.0.0.1:8080/hello</c>), or relative to the client's or the target's base address.</summary>
    public Uri Url { get; }

    public IReadOnlyList<KeyValuePair<string, string>> Headers => _headers;

    public ReadOnlyMemory<byte> Body { get; }

    /// <summary>The same request with one more header (Host is set for you; Content-Length and Connection are the engine's).</summary>
    public BenchHttpRequest WithHeader(string name, string value) => new(Method, Url, [.. _headers, new(name, value)], Body.ToArray());

    /// <summary>The same request with <paramref name="body"/> (UTF-8) and its Content-Type.</summary>
    public BenchHttpRequest WithBody(string body, string contentType = "text/plain; charset=utf-8") =>
        new(Method, Url, [.. _headers.Where(h => !h.Key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)), new("Content-Type", contentType)], Encoding.UTF8.GetBytes(body));

    /// <summary>The bytes to send and where, for <paramref name="baseAddress"/> (used when <see cref="Url"/> is relative).</summary>
    internal Encoded Encode(Uri? baseAddress)
    {
        var cached = Volatile.Read(ref _encoded);
        if (cached is not null && (Url.IsAbsoluteUri || ReferenceEquals(cached.Base, baseAddress) || cached.Base == baseAddress))
        {
            return cached;
        }

        Uri url = Url.IsAbsoluteUri ? Url
            : baseAddress is null ? throw new InvalidOperationException($"'{Url}' is relative, and neither the client's BaseAddress nor the scenario's target gives an address")
            : new Uri(baseAddress, Url);
        if (!LoopbackUrl.TryResolve(url, out IPEndPoint endpoint, out string error))
        {
            throw new ArgumentException(error);
        }

        string host = endpoint.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{endpoint.Address}]:{endpoint.Port}" : endpoint.ToString();
        var encoded = new Encoded(
            baseAddress,
            NativeSocket.EncodeAddress(endpoint),
            HttpRequestEncoder.Encode(Method, url.PathAndQuery, host, _headers, Body, close: false),
            !Method.Equals("HEAD", StringComparison.OrdinalIgnoreCase));
        Volatile.Write(ref _encoded, encoded);
        return encoded;
    }

    /// <summary>One encoding: the base address it was made for, the sockaddr, the request bytes, whether a body may come back.</summary>
    internal sealed record Encoded(Uri? Base, byte[] Address, byte[] Request, bool BodyAllowed);
}
