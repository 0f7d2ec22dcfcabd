namespace Bench.Load.Engine;

/// <summary>A flag the workers poll each loop turn; cancellation sets it.</summary>
internal sealed class StopSignal
{
    private volatile bool _requested;

    public bool Requested => _requested;

    public void Request() => _requested = true;
}
