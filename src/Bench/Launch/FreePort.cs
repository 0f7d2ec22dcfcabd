using System.Net;
using System.Net.Sockets;

namespace Bench.Launch;

/// <summary>
/// A loopback port that was free a moment ago, for targets that cannot pick and announce their own.
/// Another process may take it before the target binds it; the target then fails to start, with its error.
/// </summary>
public static class FreePort
{
    public static int Find()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
