using System.Reflection;
using BenchmarkDotNet.Reports;
using Bench.Reports.Micro;

namespace Bench.Micro;

/// <summary>
/// micro.json from BenchmarkDotNet's summaries: per benchmark its name, what one op is (<see cref="OneOpAttribute"/>),
/// the mean and error in nanoseconds per op and the bytes one op allocates — written with the record the report
/// reads (Bench.Reports.Micro), so there is one definition of the file.
/// </summary>
public static class MicroSummary
{
    public static MicroResults From(IReadOnlyList<Summary> summaries, DateTimeOffset date)
    {
        var first = summaries[0];
        var benchmarks = summaries
            .SelectMany(s => s.Reports.Where(r => r.Success && r.ResultStatistics is not null).Select(Benchmark))
            .ToList();
        string job = string.Join("; ", summaries.SelectMany(s => s.BenchmarksCases).Select(c => c.Job.DisplayInfo).Distinct(StringComparer.Ordinal));
        return new MicroResults(
            MicroResults.CurrentSchemaVersion,
            first.HostEnvironmentInfo.BenchmarkDotNetVersion,
            date,
            job,
            first.HostEnvironmentInfo.Cpu.Value?.ProcessorName ?? "unknown processor",
            benchmarks);
    }

    public static void Write(string path, IReadOnlyList<Summary> summaries)
    {
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        File.WriteAllText(path, MicroJson.Serialize(From(summaries, DateTimeOffset.UtcNow)));
    }

    private static MicroBenchmark Benchmark(BenchmarkReport report)
    {
        var method = report.BenchmarkCase.Descriptor.WorkloadMethod;
        var statistics = report.ResultStatistics!;
        double error = statistics.ConfidenceInterval.Margin;
        return new MicroBenchmark(
            $"{method.DeclaringType!.Name}.{method.Name}",
            method.GetCustomAttribute<OneOpAttribute>()?.Text ?? method.Name,
            statistics.Mean,
            double.IsFinite(error) ? error : null,
            report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase));
    }
}
