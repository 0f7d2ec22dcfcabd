using Bench.Configuration;
using Bench.Scenarios;
using Bench.Tests.Support;

namespace Bench.Tests.Scenarios;

/// <summary>scenarios/lessons/ as a folder: every lesson loads against the real catalogue, states its claim, gates it, and the folder sweeps within its budget.</summary>
public sealed class LessonScenariosTests
{
    private static readonly ScenarioLoader RepositoryLoader = new(RepositoryFiles.Catalog());

    [Fact]
    public void The_lessons_folder_loads_its_files_in_name_order_each_a_claim_with_gates_that_say_why()
    {
        var lessons = RepositoryLoader.LoadFiles([RepositoryFiles.PathOf("scenarios", "lessons")]);

        Assert.Equal(
            ["lesson-io-bound", "lesson-cpu-bound", "lesson-stall", "lesson-blocking", "lesson-styles", "lesson-threads-cost", "lesson-c10k", "lesson-gil", "lesson-chess"],
            lessons.Select(l => l.Name));
        Assert.All(lessons, l => Assert.False(string.IsNullOrWhiteSpace(l.Claim), $"{l.Name} has no claim"));
        Assert.All(lessons, l => Assert.NotEmpty(l.Gates));
        Assert.All(lessons.SelectMany(l => l.Gates), g => Assert.False(string.IsNullOrWhiteSpace(g.Why), $"{g.Expression} says no why"));
    }

    [Fact]
    public void Every_lesson_together_sweeps_in_under_nine_minutes_leaving_one_for_starting_targets()
    {
        var lessons = RepositoryLoader.LoadFiles([RepositoryFiles.PathOf("scenarios", "lessons")]);

        var sweep = lessons.Aggregate(TimeSpan.Zero, (sum, l) => sum + l.EstimatedSweepTime);

        Assert.True(sweep < TimeSpan.FromMinutes(9), $"the lessons sweep for {sweep}");
    }

    [Fact]
    public void The_ci_lessons_load_and_sweep_in_under_a_minute()
    {
        var lessons = RepositoryLoader.LoadFile(RepositoryFiles.PathOf("scenarios", "ci-lessons.yaml"));

        Assert.Equal(4, lessons.Count);
        Assert.All(lessons, l => Assert.NotNull(l.Claim));
        Assert.True(lessons.Aggregate(TimeSpan.Zero, (sum, l) => sum + l.EstimatedSweepTime) < TimeSpan.FromMinutes(1));
    }

    [Fact]
    public void A_folder_without_scenario_files_is_an_error_naming_it()
    {
        string folder = Directory.CreateTempSubdirectory("bench-empty-").FullName;
        try
        {
            var error = Assert.Throws<ScenarioException>(() => RepositoryLoader.LoadFiles([folder]));

            Assert.Equal(new InputError(new SourceLocation(folder, 1, 1), "a folder of scenarios holds no .yaml file"), Assert.Single(error.Errors));
        }
        finally
        {
            Directory.Delete(folder);
        }
    }
}
