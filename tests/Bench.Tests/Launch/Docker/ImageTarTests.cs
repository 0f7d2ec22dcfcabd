using System.Formats.Tar;
using Bench.Launch.Docker;

namespace Bench.Tests.Launch.Docker;

public sealed class ImageTarTests : IDisposable
{
    private readonly ImageFiles _files = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task The_tar_holds_the_plan_owned_by_root_with_the_planned_modes_and_contents()
    {
        var rootfs = await RootFilesystem.PlanAsync(_files.Recipe, Ct);
        using var tar = new MemoryStream();

        await ImageTar.WriteAsync(rootfs, tar, Ct);

        tar.Position = 0;
        using var reader = new TarReader(tar);
        var read = new List<TarEntry>();
        while (await reader.GetNextEntryAsync(copyData: true, Ct) is { } entry)
        {
            read.Add(entry);
        }

        Assert.Equal(rootfs.Entries.Select(e => e.Path.TrimStart('/')), read.Select(e => e.Name));
        Assert.Equal(rootfs.Entries.Select(e => (e.Type, e.Mode)), read.Select(e => (e.EntryType, e.Mode)));
        Assert.All(read, e => Assert.Equal((0, 0), (e.Uid, e.Gid)));
        var notes = read.Single(e => e.Name == _files.Notes.TrimStart('/'));
        Assert.Equal(ImageFiles.NotesText, new StreamReader(notes.DataStream!).ReadToEnd());
        Assert.Equal("true", read.Single(e => e.Name == _files.Link.TrimStart('/')).LinkName);
    }
}
