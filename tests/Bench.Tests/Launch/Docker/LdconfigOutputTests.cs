using Bench.Launch.Docker;

namespace Bench.Tests.Launch.Docker;

public sealed class LdconfigOutputTests
{
    private const string Output =
        "1234 libs found in cache `/etc/ld.so.cache'\n" +
        "\tlibssl3.so (libc6,x86-64) => /lib/x86_64-linux-gnu/libssl3.so\n" +
        "\tlibssl.so.3 (libc6) => /lib/i386-linux-gnu/libssl.so.3\n" +
        "\tlibssl.so.3 (libc6,x86-64) => /lib/x86_64-linux-gnu/libssl.so.3\n" +
        "\tlibssl.so (libc6,x86-64) => /lib/x86_64-linux-gnu/libssl.so\n" +
        "\tlibc.so.6 (libc6,x86-64, OS ABI: Linux 3.2.0) => /lib/x86_64-linux-gnu/libc.so.6\n";

    [Fact]
    public void A_soname_is_found_for_the_architecture_asked_for()
    {
        Assert.Equal("/lib/x86_64-linux-gnu/libssl.so.3", LdconfigOutput.Find(Output, "libssl.so.3", "x86-64"));
        Assert.Equal("/lib/x86_64-linux-gnu/libc.so.6", LdconfigOutput.Find(Output, "libc.so.6", "x86-64"));
    }

    [Fact]
    public void Names_match_whole_and_other_architectures_do_not_count()
    {
        Assert.Null(LdconfigOutput.Find(Output, "libssl.so.1", "x86-64"));
        Assert.Null(LdconfigOutput.Find(Output, "libssl", "x86-64"));
        Assert.Null(LdconfigOutput.Find(Output, "libssl.so.3", "AArch64"));
    }
}
