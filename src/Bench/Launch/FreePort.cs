using System.Net;
using System.Net.Sockets;

namespace Bench.Launch;

/// <summary>
/// A loopback port that was free a moment ago, for targets that cannot pick and announce their own. It is taken below
/// the kernel's ephemeral range (ip_local_port_range), at random, and never twice by one process: a port from bind(0)
/// is the one the kernel hands next to any program binding port 0 — Bench's own targets do — and a target that retries
/// its bind (gunicorn does, for seconds) then stood behind another's answers while its readiness probe was satisfied
/// by the other server. Another process may still take it before the target binds it; the target then fails to start,
/// with its error.
/// </summary>
public static class FreePort
{
    private const int Floor = 10_000;
    private const int Attempts = 64;
    private static readonly HashSet<int> Given = [];
    private static readonly Lock Sync = new();

    public static int Find()
    {
        int ceiling = EphemeralLow() - 1;
        for (int i = 0; i < Attempts && ceiling - Floor >= 1_000; i++)
        {
            int port = Random.Shared.Next(Floor, ceiling + 1);
            lock (Sync)
            {
                if (!Given.Contains(port) && IsFree(port))
                {
                    Given.Add(port);
                    return port;
                }
            }
        }

        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>The first port of the kernel's ephemeral range (32768 when it cannot be read).</summary>
    private static int EphemeralLow()
    {
        try
        {
            var fields = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            return fields.Length >= 1 && int.TryParse(fields[0], out int low) ? low : 32_768;
        }
        catch (IOException)
        {
            return 32_768;
        }
    }
}
