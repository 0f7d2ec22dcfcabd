using Bench.Load;

namespace Bench.Tests.Load;

public sealed class ThinkTimeTests
{
    [Fact]
    public void A_think_range_is_written_back_as_it_was_read()
    {
        Assert.True(ThinkTime.TryParse("5ms..20ms", out var think));

        Assert.Equal((TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(20)), (think.Min, think.Max));
        Assert.Equal("5ms..20ms", think.ToString());
    }

    [Theory]
    [InlineData("10ms", 10, 10)]
    [InlineData("0", 0, 0)]
    [InlineData("1s..2s", 1000, 2000)]
    [InlineData("5ms-20ms", 5, 20)] // the command line's older spelling, still read
    public void A_fixed_think_or_a_range_is_read(string text, int minMs, int maxMs)
    {
        Assert.True(ThinkTime.TryParse(text, out var think));
        Assert.Equal((TimeSpan.FromMilliseconds(minMs), TimeSpan.FromMilliseconds(maxMs)), (think.Min, think.Max));
        Assert.Equal(maxMs == 0, think.IsNone);
    }

    [Theory]
    [InlineData("20ms..5ms")]
    [InlineData("5ms..")]
    [InlineData("fast")]
    [InlineData("20ms-5ms")]
    public void A_bad_think_is_rejected(string text)
    {
        Assert.False(ThinkTime.TryParse(text, out _));
    }
}
