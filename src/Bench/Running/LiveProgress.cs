using Bench.Results;
using Spectre.Console;

namespace Bench.Running;

/// <summary>
/// A live status line on a terminal (scenario, target, level, time left, current requests/s and errors) above the
/// finished levels, which stay printed as plain lines.
/// </summary>
public sealed class LiveProgress(IAnsiConsole console) : ISweepProgress
{
    private readonly Lock _gate = new();
    private StatusContext? _status;

    /// <summary>Runs <paramref name="work"/> under the live status display.</summary>
    public Task<T> RunAsync<T>(Func<Task<T>> work) =>
        console.Status().Spinner(Spinner.Known.Dots).StartAsync("starting…", async context =>
        {
            lock (_gate)
            {
                _status = context;
            }

            return await work();
        });

    public void TargetStarting(string scenario, string target) => Show($"{Markup.Escape(scenario)} · [bold]{Markup.Escape(target)}[/]: starting and verifying");

    public void TargetInvalid(string scenario, string target, string reason) =>
        console.MarkupLineInterpolated($"[red]{scenario} · {target}: INVALID, its levels are skipped:[/] {reason}");

    public void LevelRunning(string scenario, string target, int level, int repeat, TimeSpan left, bool warmup, double recentRps, long errors) =>
        Show($"{Markup.Escape(scenario)} · [bold]{Markup.Escape(target)}[/] @ {level}" +
             (warmup ? " [grey]warming up[/]" : $"  {recentRps:N0} req/s  errors {errors}") +
             $"  [grey]{Math.Max(0, left.TotalSeconds):0}s left[/]");

    public void LevelDone(string scenario, LevelResult result)
    {
        string line = Markup.Escape(LineProgress.Describe(scenario, result));
        console.MarkupLine(result.Valid ? line : $"[red]{line}[/]");
    }

    public void Note(string message) => console.MarkupLine($"[yellow]{Markup.Escape(message)}[/]");

    private void Show(string markup)
    {
        lock (_gate)
        {
            _status?.Status(markup);
        }
    }
}
