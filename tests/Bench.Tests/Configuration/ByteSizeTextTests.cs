using Bench.Configuration;

namespace Bench.Tests.Configuration;

public sealed class ByteSizeTextTests
{
    [Theory]
    [InlineData("512m", 512L << 20)]
    [InlineData("1g", 1L << 30)]
    [InlineData("1G", 1L << 30)]
    [InlineData("64k", 64L << 10)]
    [InlineData("64MiB", 64L << 20)]
    [InlineData("64MB", 64L << 20)]
    [InlineData("1.5g", 3L << 29)]
    [InlineData("4096", 4096)]
    [InlineData("4096b", 4096)]
    public void Sizes_are_read_as_dockers_memory_option_reads_them(string text, long bytes)
    {
        Assert.True(ByteSizeText.TryParse(text, out long parsed));
        Assert.Equal(bytes, parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("m")]
    [InlineData("-1m")]
    [InlineData("0")]
    [InlineData("1.5")]
    [InlineData("12 apples")]
    [InlineData("1x")]
    public void Anything_else_is_refused(string text) => Assert.False(ByteSizeText.TryParse(text, out _));

    [Theory]
    [InlineData(6L << 20, "6m")]
    [InlineData(1L << 30, "1g")]
    [InlineData(1536L << 10, "1536k")]
    [InlineData(1000, "1000")]
    public void Sizes_are_written_back_in_the_shortest_exact_unit(long bytes, string text) => Assert.Equal(text, ByteSizeText.Format(bytes));
}
