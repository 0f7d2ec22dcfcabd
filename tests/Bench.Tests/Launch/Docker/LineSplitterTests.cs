using System.Text;
using Bench.Launch.Docker;

namespace Bench.Tests.Launch.Docker;

public sealed class LineSplitterTests
{
    [Fact]
    public void Lines_cut_across_frames_come_out_whole_without_line_ends()
    {
        var splitter = new LineSplitter();

        Assert.Empty(splitter.Feed("listening on "u8));
        Assert.Equal(["listening on http://127.0.0.1:5000", "second"], splitter.Feed("http://127.0.0.1:5000\nsecond\r\nthi"u8));
        Assert.Empty(splitter.Feed("rd"u8));
        Assert.Equal("third", splitter.Flush());
        Assert.Null(splitter.Flush());
    }

    [Fact]
    public void A_character_split_between_frames_is_decoded_once_whole()
    {
        byte[] bytes = Encoding.UTF8.GetBytes("µs ✓\n");
        var splitter = new LineSplitter();

        var lines = Enumerable.Range(0, bytes.Length).SelectMany(i => splitter.Feed(bytes.AsSpan(i, 1))).ToList();

        Assert.Equal(["µs ✓"], lines);
    }

    [Fact]
    public void Empty_lines_are_kept()
    {
        var splitter = new LineSplitter();

        Assert.Equal(["", "a", ""], splitter.Feed("\na\n\n"u8));
    }
}
