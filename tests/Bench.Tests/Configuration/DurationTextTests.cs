using Bench.Configuration;

namespace Bench.Tests.Configuration;

public sealed class DurationTextTests
{
    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("2s", 2000)]
    [InlineData("1.5s", 1500)]
    [InlineData("1m", 60_000)]
    [InlineData("0", 0)]
    [InlineData("0.25ms", 0.25)]
    [InlineData("250us", 0.25)]
    [InlineData("1h", 3_600_000)]
    [InlineData("0s", 0)]
    public void Durations_are_read_in_us_ms_s_m_and_h(string text, double ms)
    {
        Assert.True(DurationText.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromMilliseconds(ms), duration);
    }

    [Theory]
    [InlineData("2")]
    [InlineData("-1s")]
    [InlineData("2 s")]
    [InlineData("")]
    [InlineData("10x")]
    [InlineData("25h")]
    [InlineData("s")]
    [InlineData("1e3ms")]
    [InlineData("99999m")]
    public void Anything_else_is_not_a_duration(string text)
    {
        Assert.False(DurationText.TryParse(text, out _));
    }

    [Theory]
    [InlineData("2s")]
    [InlineData("500ms")]
    [InlineData("1m")]
    [InlineData("1500ms")]
    [InlineData("0")]
    public void Formatting_writes_back_what_was_read(string text)
    {
        Assert.True(DurationText.TryParse(text, out var duration));
        Assert.Equal(text, DurationText.Format(duration));
    }
}
