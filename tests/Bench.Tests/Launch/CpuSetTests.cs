using Bench.Launch;

namespace Bench.Tests.Launch;

public sealed class CpuSetTests
{
    [Theory]
    [InlineData("0", new[] { 0 }, "0")]
    [InlineData("1-3", new[] { 1, 2, 3 }, "1-3")]
    [InlineData("3,0-1,1", new[] { 0, 1, 3 }, "0-1,3")]
    [InlineData(" 2 ", new[] { 2 }, "2")]
    public void A_cpu_list_is_read_and_written_in_the_kernel_syntax(string text, int[] cores, string canonical)
    {
        var set = CpuSet.Parse(text);

        Assert.Equal(cores, set.Cores);
        Assert.Equal(canonical, set.ToString());
        Assert.Equal(set, CpuSet.Parse(canonical));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a")]
    [InlineData("3-1")]
    [InlineData("-1")]
    [InlineData("0-1-2")]
    [InlineData("1024")]
    public void Anything_else_is_not_a_cpu_list(string text)
    {
        Assert.False(CpuSet.TryParse(text, out _));
        Assert.Throws<FormatException>(() => CpuSet.Parse(text));
    }
}
