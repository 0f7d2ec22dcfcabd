namespace Bench.Load;

/// <summary>One second of the measured window: responses and errors that finished in it, and their p99.</summary>
public sealed record SecondSample(int Second, long Completed, long Errors, double P99Ms);
