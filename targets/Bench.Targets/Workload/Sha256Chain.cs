using System.Security.Cryptography;

namespace Bench.Servers.Workload;

/// <summary>
/// The CPU workload: N chained SHA-256 rounds from the ASCII bytes "bench", each round hashing the
/// previous 32-byte digest. Verifiable, and impossible to optimise away. Zero rounds leave the seed.
/// The state is kept between steps so async models can yield part-way.
/// </summary>
public sealed class Sha256Chain
{
    // One digest context per thread, reused for every round: SHA256.HashData sets one up and frees it on each call,
    // and OpenSSL 3 shares what that touches between threads, so two threads of one process hashed only ~1.1× as fast
    // as one (scenarios/lessons/8-gil.yaml). Step never awaits, so a chain moved between threads by an await is still safe.
    [ThreadStatic]
    private static IncrementalHash? t_hash;

    private readonly byte[] _state = new byte[SHA256.HashSizeInBytes];
    private int _length;

    public Sha256Chain()
    {
        "bench"u8.CopyTo(_state);
        _length = 5;
    }

    public void Step(int rounds)
    {
        if (rounds <= 0)
        {
            return;
        }

        var hash = t_hash ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        for (int i = 0; i < rounds; i++)
        {
            hash.AppendData(_state.AsSpan(0, _length));
            hash.GetHashAndReset(_state);
            _length = SHA256.HashSizeInBytes;
        }
    }

    /// <summary>The state in lowercase hex, as ASCII bytes.</summary>
    public byte[] HexDigest()
    {
        var hex = new byte[_length * 2];
        Convert.TryToHexStringLower(_state.AsSpan(0, _length), hex, out _);
        return hex;
    }

    public static byte[] Compute(int rounds)
    {
        var chain = new Sha256Chain();
        chain.Step(rounds);
        return chain.HexDigest();
    }
}
