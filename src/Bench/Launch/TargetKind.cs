namespace Bench.Launch;

/// <summary>How a target runs: a child process of Bench, or a container the Docker engine runs (targets.yaml, <c>kind:</c>).</summary>
public enum TargetKind
{
    Process,
    Docker,
}
