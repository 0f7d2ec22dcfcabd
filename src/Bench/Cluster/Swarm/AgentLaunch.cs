using System.Security.Cryptography;

namespace Bench.Cluster.Swarm;

/// <summary>
/// What one agent slot's service runs: Bench's own executable in its image, the port it listens on (on every
/// generator node alike), the token its commands must carry, the hosts it may send load to, and the .NET it runs on.
/// </summary>
public sealed record AgentLaunch(string Image, string Executable, string DotnetRoot, int Slot, int Port, string Token, string AllowHosts)
{
    /// <summary>32 hex digits from the OS's random generator: one per slot, never logged.</summary>
    public static string NewToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public override string ToString() => $"agent slot {Slot} on port {Port}";
}
