using Bench.Cli;

namespace Bench.Tests.Cli;

public sealed class DurationTextTests
{
    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("10s", 10_000)]
    [InlineData("2m", 120_000)]
    [InlineData("1.5s", 1500)]
    [InlineData("1h", 3_600_000)]
    [InlineData("0s", 0)]
    public void Durations_with_a_unit_parse(string text, double milliseconds)
    {
        Assert.True(DurationText.TryParse(text, out var duration));
        Assert.Equal(milliseconds, duration.TotalMilliseconds, 6);
    }

    [Theory]
    [InlineData("10")]
    [InlineData("")]
    [InlineData("s")]
    [InlineData("-1s")]
    [InlineData("10 s")]
    [InlineData("10x")]
    [InlineData("1e3s")]
    public void Anything_else_does_not(string text) => Assert.False(DurationText.TryParse(text, out _));
}
