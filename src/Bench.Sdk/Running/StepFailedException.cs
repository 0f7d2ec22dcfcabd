namespace Bench.Sdk.Running;

/// <summary>Ends an iteration after a failed step (already recorded under the step), carrying its error key to the iteration's record.</summary>
internal sealed class StepFailedException(string errorKey, Exception? inner = null) : Exception($"step failed: {errorKey}", inner)
{
    public string ErrorKey { get; } = errorKey;
}
