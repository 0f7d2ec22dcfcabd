using System.Net;

namespace Bench.Load;

/// <summary>
/// The one gate every load passes: traffic goes to loopback only (127.0.0.0/8, ::1, localhost), over plain HTTP, or
/// to a test host named in <see cref="AllowedHosts"/>. "localhost" is mapped to 127.0.0.1 without asking a resolver, so
/// nothing can redirect it.
/// </summary>
public static class LoopbackUrl
{
    public static bool TryResolve(Uri? url, out IPEndPoint endpoint, out string error) =>
        TryResolve(url, AllowedHosts.Current, out endpoint, out error);

    public static bool TryResolve(Uri? url, AllowedHosts allowed, out IPEndPoint endpoint, out string error)
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
        if (address is null || address.IsIPv4MappedToIPv6 || !(IPAddress.IsLoopback(address) || allowed.Allows(address)))
        {
            error = $"refusing to send load to '{url.Host}': only loopback hosts are allowed (127.0.0.0/8, ::1, localhost)"
                + (allowed.Addresses.Count > 0 ? $", and the test hosts in ${AllowedHosts.Variable} ({allowed})" : "");
            return false;
        }

        endpoint = new IPEndPoint(address, url.Port);
        error = "";
        return true;
    }
}
