using System.Net;
using System.Net.Sockets;
using Bench.Launch.Verification;

namespace Bench.Launch;

/// <summary>Sends <c>GET path</c> until any HTTP response comes back: the target is then ready, whatever the status.</summary>
public static class HttpReadinessProbe
{
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(1);

    public static Task<int> WaitAsync(int port, string path, TimeSpan interval, CancellationToken cancellationToken) =>
        WaitAsync(IPAddress.Loopback, port, path, interval, cancellationToken);

    /// <summary>
    /// As above at <paramref name="address"/>: loopback, or a test host named in $BENCH_ALLOW_HOSTS (a swarm node's
    /// address); any other is refused at once (<see cref="HttpProbe.EnsureAllowed"/>), not retried.
    /// </summary>
    public static async Task<int> WaitAsync(IPAddress address, int port, string path, TimeSpan interval, CancellationToken cancellationToken)
    {
        HttpProbe.EnsureAllowed(address);
        while (true)
        {
            try
            {
                return (await HttpProbe.GetAsync(address, port, path, AttemptTimeout, cancellationToken)).Status;
            }
            catch (Exception e) when (e is SocketException or IOException or TimeoutException or InvalidDataException)
            {
                // Not listening yet, or not answering HTTP yet: try again.
            }

            await Task.Delay(interval, cancellationToken);
        }
    }
}
