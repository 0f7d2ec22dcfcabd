using BenchmarkDotNet.Attributes;
using Bench.Servers.Workload;

namespace Bench.Micro;

/// <summary>
/// One round of /cpu's work as the C# targets do it (Sha256Chain.Step: hash the previous 32-byte digest with the
/// thread's reused IncrementalHash), so /cpu?n= can be chosen in milliseconds: n = ms × 1 000 000 / (ns per round).
/// One op is one round.
/// </summary>
[MemoryDiagnoser]
public class Sha256Round
{
    public const int Rounds = 1000;

    private readonly Sha256Chain _chain = new();

    [Benchmark(OperationsPerInvoke = Rounds)]
    [OneOp("one SHA-256 round of /cpu's chain (32 bytes hashed, as Sha256Chain.Step does)")]
    public void Round() => _chain.Step(Rounds);
}
