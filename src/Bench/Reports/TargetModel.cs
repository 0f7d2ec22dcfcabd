using Bench.Queueing;

namespace Bench.Reports;

/// <summary>A target's queueing model fitted to its measurements, or why there is none.</summary>
public sealed record TargetModel(string Target, ModelFit? Fit, string? Missing);
