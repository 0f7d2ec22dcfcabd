using Bench.Launch;
using Bench.Tests.Support;

namespace Bench.Tests.Launch;

/// <summary>
/// Files rendered from templates into a target's own folder ({dir}) before it starts, and the launch placeholders
/// ({port}, {dir}, {header_timeout}) filled in at start; the folder is gone once the target is.
/// </summary>
public sealed class TargetFilesTests : IDisposable
{
    private static readonly Dictionary<string, string> Placeholders = new() { ["targets_bin"] = "/bin/targets", ["repo"] = "/repo" };
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("bench-files-test-");

    public void Dispose() => _work.Delete(recursive: true);

    private string Template(string text)
    {
        string path = Path.Combine(_work.FullName, "server.conf.template");
        File.WriteAllText(path, text);
        return path;
    }

    private static TargetCatalog Parse(string yaml) => TargetCatalogLoader.Parse(yaml, "t.yaml", Placeholders);

    private static string[] ErrorsOf(string yaml) =>
        Assert.Throws<CatalogException>(() => Parse(yaml)).Errors.Select(e => e.ToString()).ToArray();

    private static string Entry(string files, string command = "[bash, -c, 'cat {dir}/server.conf', \"{port}\"]", string extra = "") => $"""
        targets:
          - name: conf
            description: reads its config
            command: {command}
            files: {files}
            readiness: {"{"} http: /hello {"}"}
            supports: [/hello]
        {extra}
        """;

    [Fact]
    public void A_template_is_read_at_load_with_the_load_placeholders_filled_and_the_launch_ones_kept()
    {
        string template = Template("root {repo};\nlisten 127.0.0.1:{port};\npid {dir}/pid;\ntimeout {header_timeout};\nblock { x; }\n");

        var file = Assert.Single(Parse(Entry($"{{ server.conf: \"{template}\" }}")).Find("conf")!.Files);

        Assert.Equal("server.conf", file.Name);
        Assert.Equal("root /repo;\nlisten 127.0.0.1:{port};\npid {dir}/pid;\ntimeout {header_timeout};\nblock { x; }\n", file.Text);
    }

    [Fact]
    public void An_unknown_placeholder_in_a_template_is_reported_at_the_templates_line_and_column()
    {
        string template = Template("a\n  b {nope};\n");

        var errors = ErrorsOf(Entry($"{{ server.conf: \"{template}\" }}"));

        Assert.Equal($"{template}:2:5: unknown placeholder {{nope}}; a template may use {{targets_bin}}, {{repo}}, {{port}}, {{dir}}, {{header_timeout}}, {{extra_port_1}}, {{extra_port_2}}", Assert.Single(errors));
    }

    [Fact]
    public void A_missing_template_a_path_as_file_name_and_files_on_a_container_are_refused_with_their_location()
    {
        Assert.Equal("t.yaml:5:27: targets[0].files.server.conf: no template at /repo/none.conf", Assert.Single(ErrorsOf(Entry("{ server.conf: \"{repo}/none.conf\" }"))));
        string template = Template("x\n");
        Assert.StartsWith("t.yaml:5:14: targets[0].files: a plain file name", Assert.Single(ErrorsOf(Entry($"{{ ../escape.conf: \"{template}\" }}"))));
        Assert.StartsWith("t.yaml:5:12: targets[0].files: found a list; expected a mapping of file names", Assert.Single(ErrorsOf(Entry("[a.conf]"))));

        var docker = ErrorsOf(Entry($"{{ server.conf: \"{template}\" }}", extra: "    kind: docker\n    image: { copy: [/bin/true] }"));

        Assert.Contains(docker, e => e.EndsWith("targets[0]: files and {dir} are for process targets; a container's root is read-only and its scratch folder is $TMPDIR", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_target_reads_its_rendered_file_in_its_own_folder_which_is_removed_after_it_stops()
    {
        // The stand-in prints its rendered config (port, dir and header timeout filled in), then the listening line.
        string template = Template("port={port} dir={dir} timeout={header_timeout}\n");
        var definition = Parse($$"""
            targets:
              - name: conf
                description: prints its config
                command: [bash, -c, 'cat {dir}/server.conf; echo "listening on http://127.0.0.1:$1"; exec sleep 30', conf, "{port}"]
                files: { server.conf: "{{template}}" }
                supports: [/hello]
            """).Find("conf")!;

        string dir;
        string config;
        await using (var target = await TargetProcess.StartAsync(definition, new TargetLaunchOptions { HeaderTimeout = TimeSpan.FromSeconds(1.5) }, Ct))
        {
            dir = target.Dir!;
            config = await File.ReadAllTextAsync(Path.Combine(dir, "server.conf"), Ct);
            Assert.Equal($"port={target.Port} dir={dir} timeout=1.5\n", config);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute
                | UnixFileMode.OtherRead | UnixFileMode.OtherExecute, File.GetUnixFileMode(dir));
        }

        Assert.False(Directory.Exists(dir), $"{dir} is left behind");
    }

    [Fact]
    public async Task The_folder_is_removed_when_the_target_fails_to_start()
    {
        string template = Template("x\n");
        var definition = Parse(Entry($"{{ server.conf: \"{template}\" }}", command: "[bash, -c, 'echo \"$0\" > /dev/stderr; exit 3', \"{dir}\", \"{port}\"]")).Find("conf")!;

        var error = await Assert.ThrowsAsync<TargetStartException>(() => TargetProcess.StartAsync(definition, TimeSpan.FromSeconds(10), Ct));

        string dir = error.Message.Split('\n').Select(l => l.Trim()).Single(l => l.Contains("bench-conf-", StringComparison.Ordinal));
        Assert.False(Directory.Exists(dir), $"{dir} is left behind");
    }

    [Fact]
    public void The_header_timeout_is_written_in_whole_seconds_when_it_is_whole()
    {
        Assert.Equal("10", LaunchValues.ForPort(1).HeaderTimeoutText);
        Assert.Equal("0.25", (LaunchValues.ForPort(1) with { HeaderTimeout = TimeSpan.FromMilliseconds(250) }).HeaderTimeoutText);
    }
}
