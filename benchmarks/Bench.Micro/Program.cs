using BenchmarkDotNet.Running;

namespace Bench.Micro;

/// <summary>
/// Micro-benchmarks of the servers' building blocks (BenchmarkDotNet):
/// <c>dotnet run -c Release --project benchmarks/Bench.Micro -- --filter '*'</c>.
/// </summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
