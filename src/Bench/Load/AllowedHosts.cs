using System.Net;

namespace Bench.Load;

/// <summary>
/// The only addresses besides loopback that load may go to: the test hosts a script made itself in network namespaces
/// on this machine (scripts/swarm-lab.sh). They are named one by one in $BENCH_ALLOW_HOSTS (comma-separated IPv4
/// addresses, no ranges), and each must be a private address (10/8, 172.16/12, 192.168/16), so a typo or a pasted
/// public address can never turn Bench into a load generator against someone's service.
/// </summary>
public sealed class AllowedHosts
{
    public const string Variable = "BENCH_ALLOW_HOSTS";

    private static readonly Lazy<AllowedHosts> FromEnvironment = new(ReadEnvironment);

    private readonly HashSet<IPAddress> _addresses;

    private AllowedHosts(IEnumerable<IPAddress> addresses) => _addresses = [.. addresses];

    public static AllowedHosts None { get; } = new([]);

    /// <summary>This process's list: $BENCH_ALLOW_HOSTS when it parses, else none (a bad list allows nothing; <see cref="Problem"/> says why).</summary>
    public static AllowedHosts Current => FromEnvironment.Value;

    public IReadOnlyCollection<IPAddress> Addresses => _addresses;

    /// <summary>What is wrong with $BENCH_ALLOW_HOSTS, for a command to print before it starts; null when it is fine or unset.</summary>
    public static string? Problem => Parse(Environment.GetEnvironmentVariable(Variable), out _, out string error) ? null : error;

    private static AllowedHosts ReadEnvironment()
    {
        Parse(Environment.GetEnvironmentVariable(Variable), out var hosts, out _);
        return hosts; // a bad list parses to none
    }

    public bool Allows(IPAddress address) => _addresses.Contains(address);

    /// <summary>The text form given to agents and child processes: the same list, in the same variable.</summary>
    public override string ToString() => string.Join(',', _addresses.Select(a => a.ToString()).Order(StringComparer.Ordinal));

    public static bool Parse(string? text, out AllowedHosts hosts, out string error)
    {
        hosts = None;
        error = "";
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        var addresses = new List<IPAddress>();
        foreach (string part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!IPAddress.TryParse(part, out var address) || address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork || part.Count(c => c == '.') != 3)
            {
                error = $"${Variable}: '{part}' is not an IPv4 address (list single addresses, like 10.231.0.11,10.231.0.12)";
                return false;
            }

            if (!IsPrivate(address))
            {
                error = $"${Variable}: '{part}' is not a private address (10/8, 172.16/12, 192.168/16): load goes only to test hosts made on this machine";
                return false;
            }

            addresses.Add(address);
        }

        hosts = new AllowedHosts(addresses);
        return true;
    }

    private static bool IsPrivate(IPAddress address)
    {
        byte[] b = address.GetAddressBytes();
        return b[0] == 10 || (b[0] == 172 && b[1] >= 16 && b[1] <= 31) || (b[0] == 192 && b[1] == 168);
    }
}
