using Bench.Launch;
using Bench.Tests.Support;

namespace Bench.Tests.Launch;

/// <summary>The catalogue's dependencies: and a target's needs: with {redis_port}, and their errors at file:line:column.</summary>
public sealed class TargetNeedsReaderTests
{
    private static readonly Dictionary<string, string> Placeholders = new() { ["targets_bin"] = "/bin/targets", ["repo"] = "/repo" };

    private const string Redis = """
        dependencies:
          - name: redis
            description: a redis
            command: [redis-server, --port, "{port}", --dir, "{dir}"]
            readiness: { redis: ping }
            requires: { programs: [redis-server], package: redis-server }
        """;

    private static string[] ErrorsOf(string yaml)
    {
        var error = Assert.Throws<CatalogException>(() => TargetCatalogLoader.Parse(yaml, "t.yaml", Placeholders));
        return error.Errors.Select(e => e.ToString()).ToArray();
    }

    [Fact]
    public void Given_a_target_that_needs_redis_then_it_holds_the_dependency_and_its_port_placeholder_waits_for_launch()
    {
        var catalog = TargetCatalogLoader.Parse(Redis + """

            targets:
              - name: sync-redis
                description: sync behind redis
                command: ["{targets_bin}", --model, sync, --port, "{port}", --redis, "{redis_port}"]
                needs: [redis]
                supports: [/hello, /redis]
            """, "t.yaml", Placeholders);

        var dependency = Assert.Single(catalog.Dependencies);
        Assert.Equal("redis", dependency.Name);
        Assert.IsType<RedisPingReadiness>(dependency.Readiness);
        Assert.True(dependency.UsesDir);
        var target = Assert.Single(catalog.Targets);
        Assert.Same(dependency, Assert.Single(target.Needs));
        Assert.Equal("{redis_port}", target.Command[^1]);
        var values = new LaunchValues(8080, "", LaunchValues.DefaultHeaderTimeout) { DependencyPorts = new Dictionary<string, int> { ["redis"] = 6390 } };
        Assert.Equal(["/bin/targets", "--model", "sync", "--port", "8080", "--redis", "6390"], target.CommandFor(values));
        Assert.Equal("needs redis, unavailable: no program redis-server (install Debian's redis-server)",
            (target with { Needs = [dependency with { Requires = dependency.Requires with { Programs = ["/nowhere/redis-server"] } }] }).MissingRequirement()?.Replace("/nowhere/", "", StringComparison.Ordinal));
    }

    [Fact]
    public void Given_a_need_that_no_dependency_declares_then_the_error_points_at_it()
    {
        Assert.Equal(["t.yaml:11:13: targets[0].needs[0]: unknown dependency 'memcached'; declared: redis"], ErrorsOf(Redis + """

            targets:
              - name: t
                description: d
                command: [x, "{port}", "{memcached_port}"]
                needs: [memcached]
                supports: [/hello]
            """).Where(e => e.Contains("needs[0]", StringComparison.Ordinal)));
    }

    [Fact]
    public void Given_a_port_placeholder_without_the_need_or_a_need_without_its_port_then_each_is_an_error_at_the_target()
    {
        Assert.Equal(["t.yaml:8:5: targets[0]: uses {redis_port} without needs: [redis]"], ErrorsOf(Redis + """

            targets:
              - name: t
                description: d
                command: [x, "{port}", "{redis_port}"]
                supports: [/hello]
            """));
        Assert.Equal(["t.yaml:8:5: targets[0]: needs redis but is never told where: put {redis_port} in command, environment or a file"], ErrorsOf(Redis + """

            targets:
              - name: t
                description: d
                command: [x, "{port}"]
                needs: [redis]
                supports: [/hello]
            """));
    }

    [Fact]
    public void Given_a_dependency_with_a_targets_field_or_a_readiness_other_than_ping_then_each_is_an_error_at_its_place()
    {
        string[] errors = ErrorsOf("""
            dependencies:
              - name: redis
                description: a redis
                command: [redis-server, --port, "{port}"]
                readiness: { redis: pong }
                supports: [/hello]
            targets:
              - name: t
                description: d
                command: [x, "{port}"]
                supports: [/hello]
            """);

        Assert.Equal(
            [
                "t.yaml:6:5: dependencies[0]: unknown field 'supports'; allowed: name, description, command, environment, readiness, requires, files, needs",
                "t.yaml:5:25: dependencies[0].readiness.redis: found 'pong'; expected ping (PING answered with PONG)",
            ],
            errors);
    }

    [Fact]
    public void The_repository_catalogue_runs_redis_without_persistence_on_loopback_and_each_c_sharp_model_behind_it()
    {
        var catalog = RepositoryFiles.Catalog();

        var redis = Assert.Single(catalog.Dependencies, d => d.Name == "redis");
        Assert.Equal("redis-server", redis.Command[0]);
        string command = string.Join(' ', redis.Command);
        Assert.Contains("--bind 127.0.0.1 --port {port} --dir {dir} --save  --appendonly no --daemonize no", command, StringComparison.Ordinal);
        Assert.IsType<RedisPingReadiness>(redis.Readiness);
        Assert.All(Bench.Servers.Hosting.ModelRegistry.Names, model =>
        {
            var entry = catalog.Find($"{model}-redis")!;
            Assert.Equal(["--model", model], entry.Command.Skip(1).Take(2));
            Assert.Equal(["--redis", "{redis_port}"], entry.Command.TakeLast(2));
            Assert.Same(redis, Assert.Single(entry.Needs));
            Assert.Contains("/redis", entry.Supports);
            Assert.Contains("/redis-blocking", entry.Supports);
        });
    }

    private const string Rabbit = """
        dependencies:
          - name: rabbitmq
            description: a broker
            command: [rabbitmq-server]
            environment: { RABBITMQ_NODE_PORT: "{port}", RABBITMQ_DIST_PORT: "{extra_port_1}", ERL_EPMD_PORT: "{extra_port_2}", HOME: "{dir}" }
            readiness: { amqp: handshake }
          - name: rpc
            description: its worker
            command: [worker, --rabbitmq, "{rabbitmq_port}"]
            needs: [rabbitmq]
            readiness: { stdout: 'consuming on (?<port>\d+)' }
        """;

    [Fact]
    public void Given_a_worker_that_needs_the_broker_above_it_then_it_is_told_the_brokers_port_and_a_target_needing_both_names_only_the_brokers()
    {
        var catalog = TargetCatalogLoader.Parse(Rabbit + """

            targets:
              - name: async-rabbit
                description: async behind rabbitmq
                command: [x, --port, "{port}", --rabbitmq, "{rabbitmq_port}"]
                needs: [rabbitmq, rpc]
                supports: [/rpc]
            """, "t.yaml", Placeholders);

        var broker = catalog.Dependencies[0];
        var worker = catalog.Dependencies[1];
        Assert.IsType<AmqpHandshakeReadiness>(broker.Readiness);
        Assert.Same(broker, Assert.Single(worker.Needs));
        Assert.Equal(["worker", "--rabbitmq", "5673"], worker.CommandFor(LaunchValues.ForPort(0) with { DependencyPorts = new Dictionary<string, int> { ["rabbitmq"] = 5673 } }));
        var values = LaunchValues.ForPort(5672) with { ExtraPorts = [25672, 4370] };
        Assert.Equal(("5672", "25672", "4370"), (broker.EnvironmentFor(values)["RABBITMQ_NODE_PORT"], broker.EnvironmentFor(values)["RABBITMQ_DIST_PORT"], broker.EnvironmentFor(values)["ERL_EPMD_PORT"]));
        Assert.Equal([broker, worker], catalog.Targets[0].Needs);
    }

    [Fact]
    public void Given_a_dependency_needing_one_declared_below_it_or_an_amqp_readiness_other_than_handshake_then_each_is_an_error_at_its_place()
    {
        string[] errors = ErrorsOf("""
            dependencies:
              - name: rpc
                description: its worker
                command: [worker, "{port}"]
                needs: [rabbitmq]
              - name: rabbitmq
                description: a broker
                command: [rabbitmq-server, "{port}"]
                readiness: { amqp: hello }
            targets:
              - name: t
                description: d
                command: [x, "{port}"]
                supports: [/hello]
            """);

        Assert.Equal(
            [
                "t.yaml:5:13: dependencies[0].needs[0]: unknown dependency 'rabbitmq'; none is declared (a 'dependencies:' list)",
                "t.yaml:9:24: dependencies[1].readiness.amqp: found 'hello'; expected handshake (the protocol header answered with Connection.Start)",
            ],
            errors);
    }

    [Fact]
    public void The_repository_catalogue_runs_rabbitmq_on_ports_and_a_folder_of_its_own_with_its_worker_and_each_blocking_or_awaiting_model_behind_them()
    {
        var catalog = RepositoryFiles.Catalog();

        var broker = Assert.Single(catalog.Dependencies, d => d.Name == "rabbitmq");
        var worker = Assert.Single(catalog.Dependencies, d => d.Name == "rabbitmq-rpc");
        Assert.IsType<AmqpHandshakeReadiness>(broker.Readiness);
        Assert.Equal("{port}", broker.Environment["RABBITMQ_NODE_PORT"]);
        Assert.Equal(("{extra_port_1}", "{extra_port_2}"), (broker.Environment["RABBITMQ_DIST_PORT"], broker.Environment["ERL_EPMD_PORT"]));
        Assert.All(["HOME", "RABBITMQ_MNESIA_BASE", "RABBITMQ_LOG_BASE", "RABBITMQ_CONFIG_FILE", "RABBITMQ_ENABLED_PLUGINS_FILE"], name => Assert.StartsWith("{dir}", broker.Environment[name], StringComparison.Ordinal));
        Assert.Same(broker, Assert.Single(worker.Needs));
        Assert.All(["sync", "threads", "pool", "async", "kestrel"], model =>
        {
            var entry = catalog.Find($"{model}-rabbit")!;
            Assert.Equal(["--model", model], entry.Command.Skip(1).Take(2));
            Assert.Equal(["--rabbitmq", "{rabbitmq_port}"], entry.Command.TakeLast(2));
            Assert.Equal([broker, worker], entry.Needs);
            Assert.Contains("/rpc", entry.Supports);
        });
        // The one-loop styles have no non-blocking AMQP client: no entry claims /rpc for them.
        Assert.All(["eventloop", "callbacks", "generators", "py-callbacks", "py-generators"], model => Assert.Null(catalog.Find($"{model}-rabbit")));
    }
}
