using Bench.Scenarios;
using Bench.Tests.Support;

namespace Bench.Tests.Scenarios;

/// <summary>A scenario's <c>simul:</c> is its request and its load; every mistake is one file:line:column line.</summary>
public sealed class SimulReaderTests
{
    private const string Head = """
        name: chess
        description: a simul
        targets: [sync, eventloop]

        """;

    private static string Error(string rest)
    {
        var error = Assert.Throws<ScenarioException>(() => new ScenarioLoader(FixtureCatalog.Models()).Parse(Head + rest, "s.yaml"));
        return Assert.Single(error.Errors).ToString();
    }

    [Fact]
    public void A_simul_makes_the_moves_requests_the_boards_the_level_and_the_replies_think_time()
    {
        var scenario = Assert.Single(new ScenarioLoader(FixtureCatalog.Models()).Parse(
            Head + "simul: { boards: 24, moves: 30, move: 5s, reply: 55s, switch: 1s, timeScale: 1000 }\ngates: [\"*@24 vsPrediction <= 1.1\"]", "s.yaml"));

        Assert.Equal("/blocking?ms=5", scenario.Request.Path);
        Assert.Equal([24], scenario.Load.Levels);
        Assert.Equal(30, scenario.Load.Iterations);
        Assert.Equal(TimeSpan.FromMilliseconds(55), scenario.Load.Think.Min);
        Assert.Equal(TimeSpan.FromMilliseconds(55), scenario.Load.Think.Max);
        Assert.Equal(TimeSpan.Zero, scenario.Load.Warmup);
        // Room for the slowest game (41.9 s one board at a time) half again: a waiting board is slow, not an error.
        Assert.True(scenario.Load.Timeout > TimeSpan.FromSeconds(41.88 * 1.5));
        Assert.Equal(scenario.Load.Timeout, scenario.Load.Duration);
        Assert.Equal(TimeSpan.FromMilliseconds(1), scenario.Simul!.ScaledSwitch);
    }

    [Theory]
    [InlineData("simul: { boards: 24, moves: 30, move: 5s, reply: 55s, timeScale: 3000 }", "s.yaml:4:39: simul.move: found '5s'; expected a move that is a whole number of milliseconds once divided by timeScale 3000 (it would be 1.667 ms)")]
    [InlineData("simul: { boards: 24, moves: 30, reply: 55s }", "s.yaml:4:8: simul: 'move' is missing")]
    [InlineData("simul: { boards: 0, moves: 30, move: 5s, reply: 55s }", "s.yaml:4:18: simul.boards: found '0'; expected a whole number")]
    [InlineData("simul: { boards: 2, moves: 3, move: 5s, reply: 5s }\nrequest: { path: /hello }", "s.yaml:5:10: request: simul: makes the request (the master's move) and the load (boards, moves, replies); leave request out")]
    public void A_bad_simul_is_one_line_with_where_and_why(string rest, string expected)
    {
        Assert.StartsWith(expected, Error(rest));
    }
}
