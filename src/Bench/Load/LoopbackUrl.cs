using System.Net;

namespace Bench.Load;

/// <summary>
/// The one gate every load passes: traffic goes to loopback only (127.0.0.0/8, ::1, localhost), over plain HTTP.
/// "localhost" is mapped to 127.0.0.1 without asking a resolver, so nothing can redirect it.
/// </summary>
public static class LoopbackUrl
{
    public static bool TryResolve(Uri? url, out IPEndPoint endpoint, out string error)
    {
        endpoint = new IPEndPoint(IPAddress.Loopback, 0);
        if (url is null || !url.IsAbsoluteUri)
        {
            error = "the URL must be absolute, like http://127.0.0.1:8080/hello";
            return false;
        }

        if (url.Scheme != Uri.UriSchemeHttp)
        {
            error = $"only http:// URLs can be loaded (got {url.Scheme}://)";
            return false;
        }

        IPAddress? address = url.DnsSafeHost.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            ? IPAddress.Loopback
            : IPAddress.TryParse(url.DnsSafeHost, out var parsed) ? parsed : null;
        if (address is null || !IPAddress.IsLoopback(address) || address.IsIPv4MappedToIPv6)
        {
            error = $"refusing to send load to '{url.Host}': only loopback hosts are allowed (127.0.0.0/8, ::1, localhost)";
            return false;
        }

        endpoint = new IPEndPoint(address, url.Port);
        error = "";
        return true;
    }
}
