using System.Formats.Tar;
using Bench.Launch.Docker;

namespace Bench.Tests.Launch.Docker;

public sealed class RootFilesystemTests : IDisposable
{
    private readonly ImageFiles _files = new();

    public RootFilesystemTests()
    {
        File.SetUnixFileMode(_files.Notes, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.SetUnixFileMode(_files.Directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string True => _files.True;

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task A_copied_elf_file_brings_its_shared_libraries()
    {
        var rootfs = await RootFilesystem.PlanAsync(_files.Recipe, Ct);

        var (_, output, _) = await HostCommand.RunAsync("ldd", [True], Ct);
        var needed = LddOutput.Parse(output).Libraries;
        Assert.Contains(needed, path => path.EndsWith("/libc.so.6", StringComparison.Ordinal));
        Assert.Contains(needed, path => path.Contains("/ld-linux", StringComparison.Ordinal));
        foreach (string library in needed)
        {
            Assert.Equal(TarEntryType.RegularFile, Entry(rootfs, library).Type);
        }

        Assert.Equal(TarEntryType.RegularFile, Entry(rootfs, True).Type);
        Assert.Equal(TarEntryType.RegularFile, Entry(rootfs, _files.Notes).Type);
    }

    [Fact]
    public async Task A_symlink_inside_a_copied_directory_stays_a_symlink()
    {
        var rootfs = await RootFilesystem.PlanAsync(_files.Recipe, Ct);

        var link = Entry(rootfs, _files.Link);
        Assert.Equal(TarEntryType.SymbolicLink, link.Type);
        Assert.Equal("true", link.LinkTarget);
    }

    [Fact]
    public async Task A_copy_path_that_is_a_symlink_is_stored_as_the_file_it_points_to()
    {
        var rootfs = await RootFilesystem.PlanAsync(new ImageRecipe([_files.Link], []), Ct);

        Assert.Equal(TarEntryType.RegularFile, Entry(rootfs, _files.Link).Type);
        Assert.Contains(rootfs.Entries, e => e.Path.EndsWith("/libc.so.6", StringComparison.Ordinal)); // read as the ELF file it is
        Assert.DoesNotContain(rootfs.Entries, e => e.Path == True);
    }

    [Fact]
    public async Task Every_parent_is_a_directory_and_tmp_is_writable_by_everyone()
    {
        var rootfs = await RootFilesystem.PlanAsync(_files.Recipe, Ct);

        foreach (var entry in rootfs.Entries)
        {
            string parent = Path.GetDirectoryName(entry.Path)!;
            Assert.True(parent == "/" || Entry(rootfs, parent).Type == TarEntryType.Directory, $"{entry.Path} has no parent directory");
        }

        var tmp = Entry(rootfs, "/tmp");
        Assert.Equal(TarEntryType.Directory, tmp.Type);
        Assert.Equal((UnixFileMode)0x3FF, tmp.Mode); // 1777
    }

    [Fact]
    public async Task Files_are_readable_and_directories_searchable_by_everyone()
    {
        var rootfs = await RootFilesystem.PlanAsync(_files.Recipe, Ct);

        Assert.Equal((UnixFileMode)0x1ED, Entry(rootfs, _files.Directory).Mode); // 0700 -> 0755
        Assert.Equal((UnixFileMode)0x1A4, Entry(rootfs, _files.Notes).Mode); // 0600 -> 0644
        Assert.Equal((UnixFileMode)0x1ED, Entry(rootfs, True).Mode); // 0755 stays
    }

    [Fact]
    public async Task The_plan_is_sorted_by_path_and_the_same_every_time()
    {
        var first = await RootFilesystem.PlanAsync(new ImageRecipe([_files.Directory], ["libz.so.1"]), Ct);
        var second = await RootFilesystem.PlanAsync(new ImageRecipe([_files.Directory], ["libz.so.1"]), Ct);

        Assert.Equal(first.Entries, second.Entries);
        Assert.Equal(first.Entries.Select(e => e.Path).Order(StringComparer.Ordinal), first.Entries.Select(e => e.Path));
    }

    [Fact]
    public async Task A_path_copied_twice_is_planned_once()
    {
        var rootfs = await RootFilesystem.PlanAsync(new ImageRecipe([_files.Directory, True, _files.Directory + "/"], []), Ct);

        Assert.Equal(rootfs.Entries.Count, rootfs.Entries.Select(e => e.Path).Distinct().Count());
        Assert.Single(rootfs.Entries, e => e.Path == True);
    }

    [Fact]
    public async Task A_named_library_brings_its_own_dependencies()
    {
        var rootfs = await RootFilesystem.PlanAsync(new ImageRecipe([], ["libssl.so.3"]), Ct);

        Assert.Contains(rootfs.Entries, e => e.Path.EndsWith("/libssl.so.3", StringComparison.Ordinal) && e.Type == TarEntryType.RegularFile);
        Assert.Contains(rootfs.Entries, e => e.Path.EndsWith("/libcrypto.so.3", StringComparison.Ordinal) && e.Type == TarEntryType.RegularFile);
        Assert.Contains(rootfs.Entries, e => e.Path.EndsWith("/libc.so.6", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_library_ldd_cannot_find_is_left_out_and_named()
    {
        // A library whose dependency exists nowhere, made here rather than found (a runtime's LTTng provider needs
        // LTTng to be absent, which no machine promises): libssl with its libcrypto renamed to a name of equal length.
        var (_, ldconfig, _) = await HostCommand.RunAsync(File.Exists("/sbin/ldconfig") ? "/sbin/ldconfig" : "ldconfig", ["-p"], Ct);
        string libssl = LdconfigOutput.Find(ldconfig, "libssl.so.3", LdconfigOutput.HostArchitecture) ?? throw new InvalidOperationException("libssl.so.3 is not installed");
        string orphan = Path.Combine(_files.Directory, "liborphan.so");
        byte[] bytes = await File.ReadAllBytesAsync(libssl, Ct);
        int at = bytes.AsSpan().IndexOf("libcrypto.so.3\0"u8);
        Assert.True(at > 0, "libssl.so.3 names libcrypto.so.3");
        "libabsent.so.3\0"u8.CopyTo(bytes.AsSpan(at));
        await File.WriteAllBytesAsync(orphan, bytes, Ct);

        var rootfs = await RootFilesystem.PlanAsync(new ImageRecipe([orphan], []), Ct);

        Assert.Equal(["libabsent.so.3"], rootfs.MissingLibraries);
        Assert.DoesNotContain(rootfs.Entries, e => e.Path.Contains("libabsent", StringComparison.Ordinal));
        Assert.Contains(rootfs.Entries, e => e.Path.EndsWith("/libc.so.6", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_missing_copy_path_is_a_recipe_error_naming_it()
    {
        string missing = Path.Combine(_files.Directory, "no-such-file");

        var error = await Assert.ThrowsAsync<ImageRecipeException>(() => RootFilesystem.PlanAsync(new ImageRecipe([missing], []), Ct));

        Assert.Equal($"copy path {missing} does not exist", error.Message);
    }

    [Fact]
    public async Task A_relative_copy_path_is_a_recipe_error_naming_it()
    {
        var error = await Assert.ThrowsAsync<ImageRecipeException>(() => RootFilesystem.PlanAsync(new ImageRecipe(["bin/true"], []), Ct));

        Assert.Equal("copy path 'bin/true' is not absolute", error.Message);
    }

    [Fact]
    public async Task An_unknown_library_is_a_recipe_error_naming_it()
    {
        var error = await Assert.ThrowsAsync<ImageRecipeException>(() => RootFilesystem.PlanAsync(new ImageRecipe([], ["libbench-nothing.so.1"]), Ct));

        Assert.Equal("library libbench-nothing.so.1 not found by ldconfig -p", error.Message);
    }

    private static ImageEntry Entry(RootFilesystem rootfs, string path) =>
        rootfs.Entries.SingleOrDefault(e => e.Path == path) ?? throw new Xunit.Sdk.XunitException($"{path} is not in the image");
}
