using System.Runtime.CompilerServices;

namespace Bench.Load.Engine;

/// <summary>
/// The closed model on one worker: each connection is a virtual user looping request → response → think time.
/// Users start spread over the ramp-up; with iterations each stops after exactly that many measured requests.
/// A failed connect is retried after a back-off (1 ms doubling to 100 ms) so a dead port is not hammered in a loop.
/// </summary>
internal sealed class ClosedWorkerModel : IWorkerModel
{
    private static readonly long MinBackoff = RunPlan.Ticks(TimeSpan.FromMilliseconds(1));
    private static readonly long MaxBackoff = RunPlan.Ticks(TimeSpan.FromMilliseconds(100));

    private readonly Worker _worker;
    private readonly IReadOnlyList<int> _users;
    private readonly int _totalUsers;
    private readonly Random _random;
    private readonly long _thinkMin;
    private readonly long _thinkMax;
    private readonly long _rampUp;
    private readonly int? _iterations;
    private int _done;

    /// <param name="users">The global indexes of the virtual users this worker runs (they set each user's ramp-up start).</param>
    public ClosedWorkerModel(Worker worker, IReadOnlyList<int> users, int totalUsers)
    {
        var options = worker.Plan.Options;
        _worker = worker;
        _users = users;
        _totalUsers = totalUsers;
        _random = new Random(worker.Index + 1);
        _thinkMin = RunPlan.Ticks(options.Think.Min);
        _thinkMax = RunPlan.Ticks(options.Think.Max);
        _rampUp = RunPlan.Ticks(options.RampUp);
        _iterations = options.Iterations;
    }

    public long NextWake => long.MaxValue;

    public bool Drains => false;

    public bool Backlogged => false;

    public bool AllDone => _done == _users.Count;

    public void Start(long now)
    {
        foreach (int user in _users)
        {
            var connection = _worker.AddConnection();
            _worker.Schedule(connection, _worker.Plan.Start + (_rampUp * user / _totalUsers));
        }
    }

    public void OnTick(long now)
    {
    }

    public void OnTimer(Connection connection, long now) => _worker.StartRequest(connection, now, now, startsAtSend: true);

    public void OnReady(Connection connection, long now) => _worker.StartRequest(connection, now, now, startsAtSend: true);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void OnFinished(Connection connection, long now, bool connectFailed)
    {
        // Iterations count requests sent inside the window only: warm-up requests are extra.
        if (_iterations is { } iterations && _worker.Plan.InWindow(connection.RequestStart) && ++connection.Iterations >= iterations)
        {
            _worker.Close(connection);
            connection.State = ConnectionState.Done;
            _done++;
            return;
        }

        long pause;
        if (connectFailed)
        {
            connection.BackoffTicks = Math.Clamp(connection.BackoffTicks * 2, MinBackoff, MaxBackoff);
            pause = connection.BackoffTicks;
        }
        else
        {
            connection.BackoffTicks = 0;
            pause = _thinkMax <= 0 ? 0 : _thinkMin == _thinkMax ? _thinkMin : _random.NextInt64(_thinkMin, _thinkMax + 1);
        }

        if (pause > 0)
        {
            _worker.Schedule(connection, now + pause);
        }
        else
        {
            _worker.StartRequest(connection, now, now, startsAtSend: true);
        }
    }

    public void Finish(long now)
    {
    }
}
