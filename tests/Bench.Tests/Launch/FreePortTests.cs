using System.Net;
using System.Net.Sockets;
using Bench.Launch;

namespace Bench.Tests.Launch;

public sealed class FreePortTests
{
    [Fact]
    public void Ports_are_taken_below_the_kernels_ephemeral_range_so_a_bind_to_port_zero_cannot_be_handed_the_same()
    {
        int low = int.Parse(File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split('\t', ' ')[0]);

        var ports = Enumerable.Range(0, 50).Select(_ => FreePort.Find()).ToList();

        Assert.All(ports, p => Assert.InRange(p, 10_000, low - 1));
        using var zero = new TcpListener(IPAddress.Loopback, 0);
        zero.Start();
        Assert.DoesNotContain(((IPEndPoint)zero.LocalEndpoint).Port, ports);
    }

    [Fact]
    public void One_process_is_never_handed_the_same_port_twice_and_each_can_be_bound()
    {
        var ports = Enumerable.Range(0, 200).Select(_ => FreePort.Find()).ToList();

        Assert.Equal(ports.Count, ports.Distinct().Count());
        using var listener = new TcpListener(IPAddress.Loopback, ports[^1]);
        listener.Start();
    }
}
