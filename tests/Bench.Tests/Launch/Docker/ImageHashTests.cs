using Bench.Launch.Docker;

namespace Bench.Tests.Launch.Docker;

public sealed class ImageHashTests : IDisposable
{
    private readonly ImageFiles _files = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task The_same_files_hash_the_same()
    {
        string first = await HashAsync();
        string second = await HashAsync();

        Assert.Equal(first, second);
        Assert.Matches("^[0-9a-f]{64}$", first);
        Assert.Equal(first[..16], ImageHash.Tag(first));
    }

    [Fact]
    public async Task Changing_one_byte_of_a_copied_file_changes_the_hash()
    {
        string before = await HashAsync();
        byte[] bytes = File.ReadAllBytes(_files.True);
        bytes[^1] ^= 1;
        File.WriteAllBytes(_files.True, bytes);

        Assert.NotEqual(before, await HashAsync());
    }

    [Fact]
    public async Task Changing_a_mode_or_a_link_target_changes_the_hash()
    {
        string before = await HashAsync();
        File.SetUnixFileMode(_files.Notes, (UnixFileMode)0x1ED); // 0755
        string afterMode = await HashAsync();
        File.Delete(_files.Link);
        File.CreateSymbolicLink(_files.Link, "notes.txt");

        Assert.NotEqual(before, afterMode);
        Assert.NotEqual(afterMode, await HashAsync());
    }

    private async Task<string> HashAsync() =>
        await ImageHash.ComputeAsync(await RootFilesystem.PlanAsync(_files.Recipe, Ct), Ct);
}
