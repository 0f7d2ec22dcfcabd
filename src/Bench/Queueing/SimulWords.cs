using System.Globalization;
using Bench.Results;
using Bench.Scenarios;

namespace Bench.Queueing;

/// <summary>A simul's outcome in words: the scaled game measured against its prediction, and what it means at real scale.</summary>
public static class SimulWords
{
    /// <summary>"sync played 24 boards in 41.9 s (predicted 41.9 s, 1.00×): at real scale 11 h 38 min".</summary>
    public static string Played(Simul simul, string target, LevelResult result) =>
        result.PredictedSeconds is { } predicted && result.DurationSeconds > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{target} played {simul.Boards} boards in {result.DurationSeconds:0.0} s (predicted {predicted:0.0} s, {result.DurationSeconds / predicted:0.00}×): at real scale {RealScale(result.DurationSeconds * simul.TimeScale)}")
            : $"{target} did not finish its simul: {result.InvalidReason ?? "nothing measured"}";

    /// <summary>Seconds at real scale in days, hours and minutes: "1 d 2 h 5 min", "11 h 38 min", "42 min", "35 s".</summary>
    public static string RealScale(double seconds)
    {
        var time = TimeSpan.FromSeconds(Math.Round(seconds));
        if (time < TimeSpan.FromMinutes(1))
        {
            return $"{(int)time.TotalSeconds} s";
        }

        var parts = new List<string>();
        if (time.Days > 0)
        {
            parts.Add($"{time.Days} d");
        }

        if (time.Hours > 0)
        {
            parts.Add($"{time.Hours} h");
        }

        parts.Add($"{time.Minutes} min");
        return string.Join(' ', parts);
    }
}
