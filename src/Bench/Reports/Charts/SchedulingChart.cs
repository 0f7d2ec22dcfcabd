namespace Bench.Reports.Charts;

/// <summary>What the kernel does for each model: its OS threads (left axis) and context switches per request (right axis).</summary>
internal static class SchedulingChart
{
    public const string Slug = "scheduling";

    private static readonly TwoAxisChart Shape = new(
        Slug,
        "OS threads and context switches",
        "Threads that grow with the connections are a thread per connection: each holds a stack and is put to sleep and woken by the kernel for every request, which the context switches per request count; an event loop or a thread pool keeps both flat.",
        new("OS threads (most in the window)", c => c.MaxThreads, PerRequest: false, Floor: 1),
        new("context switches per request", c => c.ContextSwitchesPerRequest ?? 0, PerRequest: true, Floor: 0.01));

    public static Chart Build(ScenarioView view, TargetPalette palette) => Shape.Build(view, palette);
}
