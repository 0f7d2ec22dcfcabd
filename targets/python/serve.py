"""Entry point of the Python targets: python3 serve.py --model <name> [--port n] [--header-timeout s] [--redis port]
[--rabbitmq port].

Binds 127.0.0.1 only (port 0 picks one), prints exactly one line `listening on http://127.0.0.1:<port>` once it
accepts connections, exits 0 within 2 s of SIGTERM or SIGINT. Standard library only, but for uvloop-protocol.
"""

import importlib
import importlib.util
import os
import signal
import socket
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

if sys.version_info < (3, 11):  # contract.py's expressions use possessive quantifiers, new in 3.11
    sys.stderr.write(f"serve.py: needs Python 3.11 or later; {sys.executable} is {sys.version.split()[0]}\n")
    sys.exit(2)

import rabbit_backend  # noqa: E402
import redis_backend  # noqa: E402
from contract import ErrorLog, Stats  # noqa: E402

# --model → (module, the Python modules it needs beyond the standard library, and Debian's package for them)
MODELS = {
    "sync": ("sync", None),
    "threads": ("threads", None),
    "asyncio-streams": ("asyncio_streams", None),
    "asyncio-protocol": ("asyncio_protocol", None),
    "uvloop-protocol": ("uvloop_protocol", ("uvloop", "python3-uvloop")),
    "callbacks": ("callbacks", None),
    "generators": ("generators", None),
}

USAGE = (
    "usage: serve.py --model <name> [--port <n>] [--header-timeout <seconds>] [--redis <port>] [--rabbitmq <port>]\n"
    f"  --model           {' | '.join(MODELS)}\n"
    "  --port            port on 127.0.0.1 (0 = pick a free one; default 0)\n"
    "  --header-timeout  seconds a request head may take before the connection closes (default 10)\n"
    "  --redis           port of the Redis server on 127.0.0.1 that /redis uses (python3-redis; without it, 503)\n"
    "  --rabbitmq        AMQP port of the RabbitMQ broker on 127.0.0.1 that /rpc publishes to (python3-pika in sync and\n"
    "                    threads, python3-aio-pika in the asyncio models; without it, 503)"
)


def parse_args(args):
    """(model, port, header_timeout, redis_port or None, rabbitmq_port or None), or exits 2 with one line and the usage."""
    options = {"--model": None, "--port": "0", "--header-timeout": "10", "--redis": None, "--rabbitmq": None}
    if any(a in ("-h", "--help") for a in args):
        print(USAGE)
        sys.exit(0)
    if len(args) % 2:
        fail(f"option {args[-1]} needs a value")
    for name, value in zip(args[::2], args[1::2]):
        if name not in options:
            fail(f"unknown option '{name}'")
        options[name] = value
    model = options["--model"]
    if model is None:
        fail("missing --model")
    if model not in MODELS:
        fail(f"unknown model '{model}'; known: {', '.join(MODELS)}")
    try:
        port = int(options["--port"])
        if not 0 <= port <= 65535:
            raise ValueError
    except ValueError:
        fail(f"invalid value '{options['--port']}' for --port")
    try:
        timeout = float(options["--header-timeout"])
        if not 0 < timeout <= 3600:
            raise ValueError
    except ValueError:
        fail(f"invalid value '{options['--header-timeout']}' for --header-timeout")
    redis = options["--redis"]
    if redis is not None and not (redis.isdigit() and 1 <= int(redis) <= 65535):
        fail(f"invalid value '{redis}' for --redis")
    rabbit = options["--rabbitmq"]
    if rabbit is not None and not (rabbit.isdigit() and 1 <= int(rabbit) <= 65535):
        fail(f"invalid value '{rabbit}' for --rabbitmq")
    return model, port, timeout, None if redis is None else int(redis), None if rabbit is None else int(rabbit)


def fail(message):
    sys.stderr.write(f"serve.py: {message}\n{USAGE}\n")
    sys.exit(2)


def _stop(signum, frame):
    # Nothing to flush or persist: the kernel closes every socket, and daemon threads need no joining.
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


def main():
    model, port, timeout, redis_port, rabbit_port = parse_args(sys.argv[1:])
    redis_backend.PORT = redis_port
    rabbit_backend.PORT = rabbit_port
    module_name, needs = MODELS[model]
    if needs is not None and importlib.util.find_spec(needs[0]) is None:
        sys.stderr.write(f"py-{model} needs the Python module {needs[0]} (Debian package {needs[1]}) "
                         f"for {sys.executable}\n")
        sys.exit(2)
    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)

    listener = socket.create_server(("127.0.0.1", port), backlog=1024)
    bound = listener.getsockname()[1]

    def ready():
        print(f"listening on http://127.0.0.1:{bound}", flush=True)

    stats = Stats(f"py-{model}")
    log = ErrorLog()
    module = importlib.import_module(module_name)
    if module_name in ("sync", "threads"):
        ready()
        module.run(listener, stats, timeout, log)
    else:
        module.run(listener, stats, timeout, log, ready)


if __name__ == "__main__":
    main()
