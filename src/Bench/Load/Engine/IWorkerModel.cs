namespace Bench.Load.Engine;

/// <summary>
/// The load model's decisions inside one worker: when requests start and what a connection does next.
/// The worker owns sockets, timers and measurement; the model never touches a socket itself.
/// </summary>
internal interface IWorkerModel
{
    /// <summary>The next time the model wants to act without an event (open: the next arrival); long.MaxValue for none.</summary>
    long NextWake { get; }

    /// <summary>True when the model has nothing left to do (closed: every iteration done).</summary>
    bool AllDone { get; }

    /// <summary>True when the worker waits after the window for the requests intended inside it (open model).</summary>
    bool Drains { get; }

    /// <summary>Requests intended in the window still wait for a connection (open model's backlog).</summary>
    bool Backlogged { get; }

    void Start(long now);

    /// <summary>Called every loop turn.</summary>
    void OnTick(long now);

    /// <summary>A timer the model set with <see cref="Worker.Schedule"/> fired.</summary>
    void OnTimer(Connection connection, long now);

    /// <summary>A connection opened without a request is ready to send one.</summary>
    void OnReady(Connection connection, long now);

    /// <summary>The connection's request finished (answered or failed); its socket is open or already closed.</summary>
    void OnFinished(Connection connection, long now, bool connectFailed);

    /// <summary>The run ends: account for requests the model still holds.</summary>
    void Finish(long now);
}
