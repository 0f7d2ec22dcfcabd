using Bench.Results;

namespace Bench.Running;

/// <summary>What the runner tells whoever watches: one implementation draws a live display, another prints lines.</summary>
public interface ISweepProgress
{
    void TargetStarting(string scenario, string target);

    void TargetInvalid(string scenario, string target, string reason);

    /// <summary>A level's load is running; called about once a second.</summary>
    void LevelRunning(string scenario, string target, int level, int repeat, TimeSpan left, bool warmup, double recentRps, long errors);

    void LevelDone(string scenario, LevelResult result);

    void Note(string message);
}
