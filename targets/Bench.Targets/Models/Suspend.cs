namespace Bench.Servers.Models;

/// <summary>What a generator coroutine yields: the one thing it waits for before the reactor resumes it.</summary>
public readonly record struct Suspend(SuspendKind Kind, int Milliseconds = 0, string? Key = null, string? Value = null)
{
    public static Suspend Readable => new(SuspendKind.Readable);

    public static Suspend Writable => new(SuspendKind.Writable);

    /// <summary>Give the others a turn: resumed on the next turn of the loop.</summary>
    public static Suspend Turn => new(SuspendKind.Turn);

    public static Suspend Delay(int milliseconds) => new(SuspendKind.Delay, milliseconds);

    /// <summary>A Redis GET (SET when <paramref name="value"/> is given) on the reactor's own client; resumed with its answer.</summary>
    public static Suspend Redis(string key, string? value) => new(SuspendKind.Redis, 0, key, value);
}

public enum SuspendKind
{
    Readable,
    Writable,
    Turn,
    Delay,
    Redis,
}
