namespace Bench.Servers.Models;

/// <summary>What a generator coroutine yields: the one thing it waits for before the reactor resumes it.</summary>
public readonly record struct Suspend(SuspendKind Kind, int Milliseconds = 0)
{
    public static Suspend Readable => new(SuspendKind.Readable);

    public static Suspend Writable => new(SuspendKind.Writable);

    /// <summary>Give the others a turn: resumed on the next turn of the loop.</summary>
    public static Suspend Turn => new(SuspendKind.Turn);

    public static Suspend Delay(int milliseconds) => new(SuspendKind.Delay, milliseconds);
}

public enum SuspendKind
{
    Readable,
    Writable,
    Turn,
    Delay,
}
