namespace Bench.Reports.Micro;

/// <summary>
/// One benchmark of micro.json: "Class.Method", what one operation is, the mean time of one operation in nanoseconds,
/// BenchmarkDotNet's error (half its 99.9 % confidence interval; null when it could not tell) and the bytes allocated
/// by one operation (null when not measured).
/// </summary>
public sealed record MicroBenchmark(string Name, string Op, double MeanNs, double? ErrorNs, long? AllocatedBytes);
