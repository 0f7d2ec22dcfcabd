namespace Bench.Servers.Reactor;

/// <summary>What the reactor calls, on its own thread, when a watched socket is ready.</summary>
public interface IReadinessHandler
{
    /// <summary><paramref name="readable"/> or <paramref name="writable"/> (or both); a hang-up or error counts as both.</summary>
    void OnReady(bool readable, bool writable);
}
