using Bench.Launch.Docker;

namespace Bench.Tests.Launch.Docker;

public sealed class LddOutputTests
{
    [Fact]
    public void Resolved_libraries_and_the_dynamic_loader_are_read_as_absolute_paths()
    {
        const string output =
            "\tlinux-vdso.so.1 (0x00007ffd5b1f2000)\n" +
            "\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f43a2066000)\n" +
            "\t/lib64/ld-linux-x86-64.so.2 (0x00007f43a2267000)\n";

        var ldd = LddOutput.Parse(output);

        Assert.Equal(["/lib/x86_64-linux-gnu/libc.so.6", "/lib64/ld-linux-x86-64.so.2"], ldd.Libraries);
        Assert.Empty(ldd.Missing);
    }

    [Fact]
    public void A_library_not_found_is_skipped_and_named_as_missing()
    {
        const string output =
            "\tlinux-vdso.so.1 (0x00007fae3b2e5000)\n" +
            "\tliblttng-ust.so.0 => not found\n" +
            "\tlibstdc++.so.6 => /lib/x86_64-linux-gnu/libstdc++.so.6 (0x00007fae3ae00000)\n";

        var ldd = LddOutput.Parse(output);

        Assert.Equal(["/lib/x86_64-linux-gnu/libstdc++.so.6"], ldd.Libraries);
        Assert.Equal(["liblttng-ust.so.0"], ldd.Missing);
    }

    [Theory]
    [InlineData("\tnot a dynamic executable\n")]
    [InlineData("\tstatically linked\n")]
    [InlineData("")]
    public void A_static_or_non_elf_file_needs_nothing(string output)
    {
        var ldd = LddOutput.Parse(output);

        Assert.Empty(ldd.Libraries);
        Assert.Empty(ldd.Missing);
    }

    [Fact]
    public void Output_for_several_files_is_one_union_without_repeats_or_headers()
    {
        const string output =
            "/usr/share/dotnet/dotnet:\n" +
            "\tlinux-vdso.so.1 (0x00007f82fffe8000)\n" +
            "\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f82ffa1e000)\n" +
            "\t/lib64/ld-linux-x86-64.so.2 (0x00007f82fffea000)\n" +
            "/bin/true:\n" +
            "\tlinux-vdso.so.1 (0x00007f35f74db000)\n" +
            "\tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f35f72dc000)\n" +
            "\tliblttng-ust.so.0 => not found\n" +
            "\t/lib64/ld-linux-x86-64.so.2 (0x00007f35f74dd000)\n" +
            "/usr/share/dotnet/LICENSE.txt:\n" +
            "\tliblttng-ust.so.0 => not found\n";

        var ldd = LddOutput.Parse(output);

        Assert.Equal(["/lib/x86_64-linux-gnu/libc.so.6", "/lib64/ld-linux-x86-64.so.2"], ldd.Libraries);
        Assert.Equal(["liblttng-ust.so.0"], ldd.Missing);
    }

    [Fact]
    public void A_path_next_to_the_file_is_read_like_a_system_one()
    {
        const string output = "\tlibmscordaccore.so => /usr/share/dotnet/shared/Microsoft.NETCore.App/10.0.12/libmscordaccore.so (0x00007f2feac00000)\r\n";

        var ldd = LddOutput.Parse(output);

        Assert.Equal(["/usr/share/dotnet/shared/Microsoft.NETCore.App/10.0.12/libmscordaccore.so"], ldd.Libraries);
    }
}
