using BenchmarkDotNet.Running;

namespace Bench.Micro;

/// <summary>
/// Micro-benchmarks of the servers' and the engine's building blocks (BenchmarkDotNet). scripts/micro.sh runs them all
/// with a short job; by hand: <c>dotnet run -c Release --project benchmarks/Bench.Micro -- --filter '*'</c>.
/// Bench's own option, <c>--micro-json &lt;file&gt;</c>, also writes micro.json (the summary the report reads).
/// </summary>
public static class Program
{
    public const string MicroJsonOption = "--micro-json";

    public static int Main(string[] args)
    {
        int at = Array.IndexOf(args, MicroJsonOption);
        if (at >= 0 && at + 1 >= args.Length)
        {
            Console.Error.WriteLine($"Bench.Micro: {MicroJsonOption} needs a file name");
            return 2;
        }

        string? microJson = at >= 0 ? args[at + 1] : null;
        string[] benchmarkArgs = at >= 0 ? [.. args[..at], .. args[(at + 2)..]] : args;
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(benchmarkArgs).ToList();
        bool failed = summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success));
        if (microJson is not null && summaries.Count > 0)
        {
            MicroSummary.Write(microJson, summaries);
            Console.WriteLine($"micro.json: {Path.GetFullPath(microJson)}");
        }

        return failed ? 1 : 0;
    }
}
