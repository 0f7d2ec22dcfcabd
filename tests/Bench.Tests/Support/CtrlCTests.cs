using System.Diagnostics;

namespace Bench.Tests.Support;

/// <summary>The Ctrl-C helper tells a child that ignores SIGINT from one that does not, as /proc says.</summary>
public sealed class CtrlCTests
{
    [Fact]
    public void A_child_that_ignores_sigint_is_told_apart_from_one_that_does_not()
    {
        using var ignoring = Process.Start("sh", ["-c", "trap '' INT; exec sleep 30"]);
        using var plain = Process.Start("sleep", ["30"]);
        try
        {
            // The trap is set before exec: wait until sh has become sleep.
            for (var clock = Stopwatch.StartNew(); File.ReadAllText($"/proc/{ignoring.Id}/comm").Trim() != "sleep" && clock.Elapsed < TimeSpan.FromSeconds(10);)
            {
                Thread.Sleep(20);
            }

            Assert.True(CtrlC.Ignores(ignoring.Id));
            Assert.False(CtrlC.Ignores(plain.Id), "a plain child ignores SIGINT: the test host was started as a background job");
        }
        finally
        {
            ignoring.Kill();
            plain.Kill();
        }
    }
}
