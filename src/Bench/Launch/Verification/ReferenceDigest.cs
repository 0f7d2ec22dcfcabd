using System.Security.Cryptography;

namespace Bench.Launch.Verification;

/// <summary>
/// Bench's own computation of the /cpu digest, written independently of the servers' code so that
/// verification compares two implementations: N chained SHA-256 rounds from the ASCII bytes "bench".
/// </summary>
public static class ReferenceDigest
{
    public static string Compute(int rounds)
    {
        byte[] digest = "bench"u8.ToArray();
        for (int i = 0; i < rounds; i++)
        {
            digest = SHA256.HashData(digest);
        }

        return Convert.ToHexStringLower(digest);
    }
}
