"""The target contract as one Flask app (README, "The target contract"), served by gunicorn or Werkzeug.

    gunicorn --chdir targets/flask app:app          (sync, sync × 4, gthread: targets/targets.yaml)
    python3 -m flask --app targets/flask/app.py run (Werkzeug's development server, threaded)

Only the endpoints are the app's: HTTP itself (keep-alive, limits, bad heads, timeouts) is the server's, and where
gunicorn or Werkzeug answer differently from the contract, the catalogue records it (docs/targets.md, "Contract
differences"). BENCH_TARGET_NAME is the catalogue name /info reports as its model.

/cpu runs the Python targets' own SHA-256 chain (targets/python/contract.py, imported, not copied: one chain for every
Python target). `yield=K` is validated but changes nothing: a WSGI handler runs on a worker thread that has no
scheduler to yield to.
"""

import os
import re
import signal
import sys
import threading
import time

from flask import Flask, Response, request

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python"))

from contract import MAX_BODY, MAX_MS, MAX_ROUNDS, sha256_chain  # noqa: E402

MODEL = os.environ.get("BENCH_TARGET_NAME", "flask")
_INTEGER = re.compile(r"[+-]?[0-9]+")

app = Flask(__name__)

if "gunicorn" not in sys.modules and threading.current_thread() is threading.main_thread():
    # Werkzeug's server stops only on Ctrl-C; the contract says exit 0 on SIGTERM too. (gunicorn has its own handlers.)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
app.config["MAX_CONTENT_LENGTH"] = MAX_BODY


class _Stats:
    """What /info counts, per process: under gunicorn each worker counts what it served itself."""

    def __init__(self):
        self.requests_served = 0
        self.handler_threads = set()
        self._lock = threading.Lock()

    def request_started(self):
        with self._lock:
            self.requests_served += 1
        self.handler_threads.add(threading.get_ident())


_stats = _Stats()


def _text(status, body):
    return Response(body, status=status, mimetype="text/plain")


class _BadParameter(Exception):
    def __init__(self, name, low, high):
        super().__init__(f"parameter '{name}' must be an integer from {low} to {high}")


def _int_param(name, low, high, required):
    """As the contract reads a parameter: the first `name=` pair of the raw query, a plain integer in range."""
    key = name + "="
    for pair in request.query_string.decode("latin-1").split("&"):
        if pair.startswith(key):
            text = pair[len(key):]
            if _INTEGER.fullmatch(text) and low <= int(text) <= high:
                return int(text)
            raise _BadParameter(name, low, high)
    if required:
        raise _BadParameter(name, low, high)
    return None


@app.before_request
def _count():
    _stats.request_started()
    # The contract's body limit, refused from the declared length as a Flask app that never reads the body would
    # (MAX_CONTENT_LENGTH alone acts only when the body is read).
    if (request.content_length or 0) > MAX_BODY:
        return _text(413, "request body too large\n")
    return None


@app.errorhandler(_BadParameter)
def _bad_parameter(error):
    return _text(400, f"{error}\n")


@app.errorhandler(404)
def _not_found(_):
    return _text(404, "not found\n")


@app.errorhandler(405)
def _method_not_allowed(_):
    response = _text(405, "method not allowed\n")
    response.headers["Allow"] = "GET"
    return response


@app.get("/hello", provide_automatic_options=False)
def hello():
    return _text(200, "Hello, World!")


@app.get("/io", provide_automatic_options=False)
def io():
    # A sync worker (or a Werkzeug thread) waits by blocking: there is nothing else for it to do.
    time.sleep(_int_param("ms", 0, MAX_MS, True) / 1000)
    return _text(200, "OK")


@app.get("/blocking", provide_automatic_options=False)
def blocking():
    time.sleep(_int_param("ms", 0, MAX_MS, True) / 1000)
    return _text(200, "OK")


@app.get("/cpu", provide_automatic_options=False)
def cpu():
    rounds = _int_param("n", 0, MAX_ROUNDS, True)
    _int_param("yield", 1, MAX_ROUNDS, False)  # validated only: see the module's note
    return _text(200, sha256_chain(rounds).hex())


@app.get("/info", provide_automatic_options=False)
def info():
    try:
        threads = len(os.listdir("/proc/self/task"))
    except OSError:
        threads = threading.active_count()
    return {
        "model": MODEL, "pid": os.getpid(), "osThreads": threads, "openConnections": _open_connections(),
        "requestsServed": _stats.requests_served, "handlerThreads": len(_stats.handler_threads),
    }


def _open_connections():
    """This process's established TCP connections on the server's port (the /info request's own included): WSGI
    sees requests, not connections, so they are read from /proc — this process's socket inodes matched against the
    kernel's TCP table. Under gunicorn it is the answering worker's count, not the other workers'."""
    try:
        port = int(request.environ.get("SERVER_PORT", "0"))
        inodes = set()
        for fd in os.listdir("/proc/self/fd"):
            try:
                link = os.readlink(f"/proc/self/fd/{fd}")
            except OSError:
                continue
            if link.startswith("socket:["):
                inodes.add(link[8:-1])
        count = 0
        for table in ("/proc/self/net/tcp", "/proc/self/net/tcp6"):
            try:
                with open(table) as lines:
                    next(lines)
                    for line in lines:
                        fields = line.split()
                        # local address "0100007F:1F90", state 01 = ESTABLISHED, inode in column 10
                        if fields[3] == "01" and int(fields[1].rsplit(":", 1)[1], 16) == port and fields[9] in inodes:
                            count += 1
            except OSError:
                continue
        return count
    except (OSError, ValueError):
        return 0


if __name__ == "__main__":
    app.run(host="127.0.0.1", port=int(os.environ.get("PORT", "5000")))
