using Bench.Launch;
using Bench.Launch.Docker;
using Bench.Servers.Hosting;
using Bench.Tests.Support;

namespace Bench.Tests.Launch;

public sealed class TargetCatalogLoaderTests
{
    private static readonly Dictionary<string, string> Placeholders = new() { ["targets_bin"] = "/bin/targets", ["repo"] = "/repo" };

    private static string[] ErrorsOf(string yaml)
    {
        var error = Assert.Throws<CatalogException>(() => TargetCatalogLoader.Parse(yaml, "t.yaml", Placeholders));
        return error.Errors.Select(e => e.ToString()).ToArray();
    }

    [Fact]
    public void The_repository_catalogue_has_every_model_launched_from_the_built_binary()
    {
        var catalog = RepositoryFiles.Catalog();

        // Every model of the registry has an entry of its own name; every entry runs a model the registry has.
        // The entries behind a dependency (sync-redis, …) are the same models told where Redis is: see the Redis test below.
        var dotnet = catalog.Targets.Where(t => t.Command[0] == TargetsBinary.Locate() && t.Needs.Count == 0).ToList();
        Assert.All(ModelRegistry.Names, model => Assert.Equal(["--model", model], catalog.Find(model)?.Command.Skip(1).Take(2) ?? []));
        Assert.All(dotnet, t =>
        {
            Assert.Contains(t.Command[2], ModelRegistry.Names);
            Assert.Equal([TargetsBinary.Locate(), "--model", t.Command[2], "--port", "{port}"], t.Command.Take(5));
            Assert.Equal(["--header-timeout", "{header_timeout}"], t.Command.TakeLast(2));
            Assert.True(t.AnnouncesPort);
            Assert.Equal(["/hello", "/io", "/cpu", "/blocking", "/info"], t.Supports);
            Assert.False(string.IsNullOrWhiteSpace(t.Description));
        });
        Assert.Equal("1", catalog.Find("async-inline")!.Environment["DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS"]);
    }

    [Fact]
    public void The_repository_catalogue_runs_the_python_models_with_debians_interpreter_and_names_what_uvloop_needs()
    {
        var catalog = RepositoryFiles.Catalog();
        string serve = Path.Combine(TargetsBinary.RepositoryRoot(), "targets", "python", "serve.py");

        Assert.NotEmpty(Models.Python);
        Assert.All(Models.Python, name =>
        {
            var target = catalog.Find(name)!;
            Assert.Equal([TargetCatalogLoader.DefaultPython(), serve, "--model", name["py-".Length..], "--port", "{port}", "--header-timeout", "{header_timeout}"], target.Command);
            Assert.True(target.AnnouncesPort);
            Assert.Equal(["/hello", "/io", "/cpu", "/blocking", "/info"], target.Supports);
        });
        var uvloop = catalog.Find("py-uvloop-protocol")!.Requires;
        Assert.Equal(["uvloop"], uvloop.PythonModules);
        Assert.Equal(("python3-uvloop", TargetCatalogLoader.DefaultPython()), (uvloop.Package, uvloop.Python));
        Assert.Same(TargetRequirements.None, catalog.Find("py-asyncio-protocol")!.Requires);
    }

    [Fact]
    public void The_repository_catalogue_runs_async_and_threads_as_containers_too_from_the_same_build()
    {
        var catalog = RepositoryFiles.Catalog();
        string targetsDir = Path.GetDirectoryName(TargetsBinary.Locate())!;

        foreach (string name in new[] { "async-docker", "threads-docker" })
        {
            var target = catalog.Find(name)!;
            Assert.Equal(TargetKind.Docker, target.Kind);
            Assert.Contains(targetsDir, target.Container!.Image.Copy);
            Assert.Equal(["libssl.so.3", "libcrypto.so.3"], target.Container.Image.Libraries);
            Assert.Equal(TargetCatalogLoader.DotnetRoot(), target.Environment["DOTNET_ROOT"]);
            Assert.Null(target.Container.Cpus); // the sweep's target cores, as for the processes
        }
    }

    [Fact]
    public void Every_field_is_read_and_placeholders_other_than_port_are_filled_in()
    {
        var catalog = TargetCatalogLoader.Parse("""
            targets:
              - name: probe
                description: answers on a port Bench picks
                command: ["{repo}/server", --listen, "127.0.0.1:{port}"]
                environment: { HOME_DIR: "{repo}", PORT: "{port}" }
                readiness: { http: /health }
                supports: [/hello]
              - name: line
                description: prints a line without its port
                command: ["{targets_bin}", "{port}"]
                readiness: { stdout: '^ready$' }
                supports: [/hello, /io]
            """, "t.yaml", Placeholders);

        var probe = catalog.Find("probe")!;
        Assert.Equal(["/repo/server", "--listen", "127.0.0.1:{port}"], probe.Command);
        Assert.Equal(["/repo/server", "--listen", "127.0.0.1:8080"], probe.CommandFor(LaunchValues.ForPort(8080)));
        Assert.Equal("8080", probe.EnvironmentFor(LaunchValues.ForPort(8080))["PORT"]);
        Assert.Equal("/repo", probe.Environment["HOME_DIR"]);
        Assert.Equal(new HttpReadiness("/health"), probe.Readiness);
        Assert.False(probe.AnnouncesPort);
        var line = catalog.Find("line")!;
        Assert.Equal(0, Assert.IsType<StdoutReadiness>(line.Readiness).Match("ready"));
        Assert.Null(((StdoutReadiness)line.Readiness).Match("not yet"));
        Assert.Equal(["/bin/targets", "{port}"], line.Command);
    }

    [Fact]
    public void A_port_capturing_line_reads_the_port_the_target_picked()
    {
        var readiness = Assert.IsType<StdoutReadiness>(TargetReadiness.ListeningLine);

        Assert.Equal(43117, readiness.Match("listening on http://127.0.0.1:43117"));
        Assert.True(readiness.CapturesPort);
    }

    [Fact]
    public void Concurrency_is_the_declared_limit_a_whole_number_from_one_and_absent_means_none()
    {
        var catalog = TargetCatalogLoader.Parse("""
            targets:
              - { name: pool, description: x, command: [s, "{port}"], concurrency: 16, supports: [/hello] }
              - { name: open, description: x, command: [s, "{port}"], supports: [/hello] }
            """, "t.yaml", Placeholders);

        Assert.Equal(16, catalog.Find("pool")!.ConcurrencyLimit);
        Assert.Null(catalog.Find("open")!.ConcurrencyLimit);
        Assert.Equal(
            ["t.yaml:2:72: targets[0].concurrency: found '0'; expected a whole number from 1 to 1000000"],
            ErrorsOf("""
            targets:
              - { name: pool, description: x, command: [s, "{port}"], concurrency: 0, supports: [/hello] }
            """));
        Assert.Equal(1, RepositoryFiles.Catalog().Find("sync")!.ConcurrencyLimit);
    }

    [Fact]
    public void Every_problem_is_reported_with_its_position()
    {
        var errors = ErrorsOf("""
            targets:
              - name: a
                description: shell string
                command: "server --port {port}"
                supports: [/hello]
              - name: b
                description: http probe without a port
                command: [server, "{porrt}"]
                readiness: { http: health }
                supports: [hello]
                restart: always
              - name: c
                description: both readiness kinds
                command: [server, "{port}"]
                readiness: { stdout: 'x', http: /x }
                supports: [/hello]
              - name: d
                description: bad regex
                command: [server]
                readiness: { stdout: '(' }
                supports: [/hello]
            """);

        Assert.Equal(
        [
            "t.yaml:4:14: targets[0].command: found the string \"server --port {port}\"; expected an argument array like [\"{targets_bin}\", --model, sync, --port, \"{port}\"] (never a shell string)",
            "t.yaml:11:5: targets[1]: unknown field 'restart'; allowed: name, description, command, environment, readiness, supports, concurrency, requires, files, needs, differences, kind, image, memory, cpus",
            "t.yaml:9:24: targets[1].readiness.http: found 'health'; expected a path starting with /, like /hello",
            "t.yaml:10:15: targets[1].supports: found a list; expected paths without query, like /hello (not 'hello')",
            "t.yaml:15:16: targets[2].readiness: expected exactly one of stdout, http, redis or amqp, like { stdout: '<line regex capturing (?<port>\\d+)>' } or { http: /hello } or { redis: ping } or { amqp: handshake }",
        ], errors.Take(5));
        Assert.Equal(6, errors.Length);
        Assert.StartsWith("t.yaml:20:26: targets[3].readiness.stdout: found the string \"(\"; expected a valid regular expression", errors[5], StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_placeholder_and_a_missing_port_are_reported()
    {
        var errors = ErrorsOf("""
            targets:
              - name: a
                description: x
                command: [server, "{porrt}"]
                readiness: { http: /hello }
                supports: [/hello]
            """);

        Assert.Equal(
        [
            "t.yaml:4:14: targets[0].command: found a list; expected only the placeholders {targets_bin}, {repo}, {port}, {dir}, {header_timeout}, {extra_port_1}, {extra_port_2} (not {porrt})",
            "t.yaml:2:5: targets[0]: its readiness does not capture a port, so Bench chooses one: put {port} in command, environment or a file",
        ], errors);
    }

    [Fact]
    public void Two_targets_with_one_name_are_rejected()
    {
        var errors = ErrorsOf("""
            targets:
              - { name: a, description: x, command: [s], supports: [/hello] }
              - { name: a, description: y, command: [s], supports: [/hello] }
            """);

        Assert.Equal(["t.yaml:3:5: targets[1]: the name 'a' is used twice"], errors);
    }

    [Fact]
    public void A_docker_entry_reads_its_image_memory_and_cores_with_placeholders_filled()
    {
        var catalog = TargetCatalogLoader.Parse("""
            targets:
              - name: boxed
                kind: docker
                description: in a container
                command: ["{targets_bin}", --port, "{port}"]
                image: { copy: ["{repo}/bin", /usr/sbin/nginx], libraries: [libssl.so.3] }
                memory: 64MiB
                cpus: "0"
                supports: [/hello]
              - name: plain
                kind: process
                description: a process
                command: ["{targets_bin}", --port, "{port}"]
                supports: [/hello]
            """, "t.yaml", Placeholders);

        var boxed = catalog.Find("boxed")!;
        Assert.Equal(TargetKind.Docker, boxed.Kind);
        Assert.Equal(["/repo/bin", "/usr/sbin/nginx"], boxed.Container!.Image.Copy);
        Assert.Equal(["libssl.so.3"], boxed.Container.Image.Libraries);
        Assert.Equal(64L << 20, boxed.Container.MemoryBytes);
        Assert.Equal(CpuSet.Of(0), boxed.Container.Cpus);
        Assert.Equal(TargetKind.Process, catalog.Find("plain")!.Kind);
        Assert.Null(catalog.Find("plain")!.Container);
    }

    [Fact]
    public void A_docker_entry_without_memory_or_cores_gets_the_default_limit_and_the_sweeps_cores()
    {
        var catalog = TargetCatalogLoader.Parse("""
            targets:
              - { name: boxed, kind: docker, description: x, command: [s, "{port}"], image: { copy: [/bin/true] }, supports: [/hello] }
            """, "t.yaml", Placeholders);

        var container = catalog.Find("boxed")!.Container!;
        Assert.Equal(ContainerSpec.DefaultMemoryBytes, container.MemoryBytes);
        Assert.Null(container.Cpus);
        Assert.Empty(container.Image.Libraries);
    }

    [Fact]
    public void Docker_fields_are_checked_and_refused_on_a_process_with_their_position()
    {
        var errors = ErrorsOf("""
            targets:
              - { name: a, kind: vm, description: x, command: [s, "{port}"], supports: [/hello] }
              - { name: b, description: x, command: [s, "{port}"], memory: 1g, supports: [/hello] }
              - { name: c, kind: docker, description: x, command: [s, "{port}"], supports: [/hello] }
              - name: d
                kind: docker
                description: x
                command: [s, "{port}"]
                image: { copy: [relative/path], libraries: [/lib/libssl.so.3] }
                memory: 2m
                cpus: all
                supports: [/hello]
              - { name: e, kind: docker, description: x, command: [s, "{port}"], image: { copy: ["{nope}/x"] }, supports: [/hello] }
            """);

        Assert.Equal(
        [
            "t.yaml:2:22: targets[0].kind: found 'vm'; expected one of process, docker",
            "t.yaml:3:64: targets[1].memory: found '1g'; expected nothing: memory is only for kind: docker",
            "t.yaml:4:5: targets[2]: 'image' is missing; expected { copy: [host paths put at the same place in the image], libraries: [libssl.so.3] }",
            "t.yaml:9:20: targets[3].image.copy: found a list; expected absolute paths (not 'relative/path')",
            "t.yaml:9:48: targets[3].image.libraries: found a list; expected library names as ldconfig -p lists them, like libssl.so.3 (not the path '/lib/libssl.so.3'); put paths in copy",
            "t.yaml:10:13: targets[3].memory: found '2m'; expected a memory size like 512m, 1g or 64MiB, at least 6m (the engine's minimum)",
            "t.yaml:11:11: targets[3].cpus: found 'all'; expected a CPU list like 0, 1-3 or 0,2 (quote it: \"0\")",
            "t.yaml:13:77: targets[4].image: found a mapping; expected only the placeholders {targets_bin}, {repo}, {port}, {dir}, {header_timeout}, {extra_port_1}, {extra_port_2} (not {nope})",
], errors);
    }
}
