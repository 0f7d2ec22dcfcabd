using Bench.Launch;
using Bench.Launch.Docker;

namespace Bench.Tests.Launch;

public sealed class TargetRequirementsTests
{
    private static readonly Dictionary<string, string> Placeholders = new() { ["python"] = "/usr/bin/python3", ["repo"] = "/repo" };

    private static string[] ErrorsOf(string requires)
    {
        var error = Assert.Throws<CatalogException>(() => TargetCatalogLoader.Parse($$"""
            targets:
              - name: a
                description: x
                command: ["{python}", server.py, "{port}"]
                supports: [/hello]
                requires: {{requires}}
            """, "t.yaml", Placeholders));
        return error.Errors.Select(e => e.ToString()).ToArray();
    }

    [Fact]
    public void Requires_is_read_with_the_catalogues_python_and_absent_means_none()
    {
        var catalog = TargetCatalogLoader.Parse("""
            targets:
              - name: needs
                description: x
                command: ["{python}", server.py, "{port}"]
                supports: [/hello]
                requires: { python: [uvloop, a.b_c], programs: [gunicorn], package: "python3-uvloop gunicorn" }
              - name: plain
                description: x
                command: ["{python}", server.py, "{port}"]
                supports: [/hello]
            """, "t.yaml", Placeholders);

        var needs = catalog.Find("needs")!;
        Assert.Equal("/usr/bin/python3", needs.Command[0]);
        Assert.Equal(["uvloop", "a.b_c"], needs.Requires.PythonModules);
        Assert.Equal(["gunicorn"], needs.Requires.Programs);
        Assert.Equal(("python3-uvloop gunicorn", "/usr/bin/python3"), (needs.Requires.Package, needs.Requires.Python));
        Assert.Same(TargetRequirements.None, catalog.Find("plain")!.Requires);
        Assert.Null(TargetRequirements.None.Missing());
    }

    [Theory]
    [InlineData("{ python: [uvloop] }", "t.yaml:6:15: targets[0].requires: 'package' is missing")]
    [InlineData("{ package: x }", "t.yaml:6:15: targets[0].requires: expected python or programs (or both)")]
    [InlineData("{ python: [uvloop], package: x, pip: y }", "t.yaml:6:47: targets[0].requires: unknown field 'pip'; allowed: python, programs, package")]
    [InlineData("{ python: [\"no-dash\"], package: x }", "t.yaml:6:25: targets[0].requires.python: found a list; expected Python module names like uvloop or a.b (not 'no-dash')")]
    [InlineData("[uvloop]", "t.yaml:6:15: targets[0].requires: found a list; expected { python: [modules], programs: [names], package: <Debian package(s)> }")]
    public void A_wrong_requires_is_one_line_with_its_position(string requires, string expected)
    {
        string error = Assert.Single(ErrorsOf(requires));

        Assert.StartsWith(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_module_or_program_is_one_line_naming_the_package_and_present_ones_are_not_mentioned()
    {
        var requirements = new TargetRequirements("python3-nothing", "/usr/bin/python3", ["json", "bench_no_such_module"], ["sh", "bench-no-such-program"]);

        Assert.Equal(
            "unavailable: no program bench-no-such-program, /usr/bin/python3 has no module bench_no_such_module (install Debian's python3-nothing)",
            requirements.Missing());
        Assert.Null((requirements with { PythonModules = ["json"], Programs = ["sh"] }).Missing());
        Assert.Equal(
            "unavailable: no Python interpreter /nowhere/python3 (install Debian's python3-nothing)",
            (requirements with { Python = "/nowhere/python3", Programs = [] }).Missing());
    }

    [Fact]
    public async Task The_launcher_refuses_an_unavailable_entry_with_that_line_and_starts_nothing()
    {
        var definition = new TargetDefinition("needs", "x", ["/bin/sleep", "60"], new Dictionary<string, string>())
        {
            Requires = new TargetRequirements("python3-nothing", "/usr/bin/python3", ["bench_no_such_module"], []),
        };
        await using var launcher = new TargetLauncher(new DockerTargets(dockerHost: null));

        var error = await Assert.ThrowsAsync<TargetStartException>(() =>
            launcher.StartAsync(definition, new TargetLaunchOptions(), TestContext.Current.CancellationToken));

        Assert.Equal("target 'needs' unavailable: /usr/bin/python3 has no module bench_no_such_module (install Debian's python3-nothing)", error.Message);
    }

    [Fact]
    public void Setup_installs_every_package_the_catalogue_names()
    {
        string setup = File.ReadAllText(Support.RepositoryFiles.PathOf("scripts", "setup.sh"));
        var packagesLine = setup.Split('\n').Single(l => l.StartsWith("packages=(", StringComparison.Ordinal));
        var installed = packagesLine["packages=(".Length..packagesLine.IndexOf(')')].Split(' ');

        var catalog = Support.RepositoryFiles.Catalog();
        var named = catalog.Targets.Concat(catalog.Dependencies).SelectMany(t => t.Requires.Package.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Distinct();

        Assert.All(named, package => Assert.Contains(package, installed));
    }
}
