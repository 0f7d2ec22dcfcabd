using Bench.Servers.Workload;

namespace Bench.Servers.Http;

/// <summary>What the model must do next for a connection.</summary>
public readonly record struct ProtocolStep(StepKind Kind, Work Work);
