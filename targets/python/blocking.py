"""What the two blocking models share: serving one connection with blocking calls, and the header-timeout watchdog."""

import socket
import threading
import time

from contract import BLOCK, CLOSE, CPU, IO, OK, REDIS, REDIS_BLOCKING, RPC, WORK, Connection, Response, sha256_chain, watchdog_period
from rabbit_backend import blocking_call
from redis_backend import blocking_execute


class Registry:
    """The open connections, and one watchdog thread for all of them: a connection whose request head is not complete
    within the header timeout has its socket shut down, which wakes the recv() blocked on it (as the C# servers do)."""

    def __init__(self, stats, timeout, log):
        self.stats = stats
        self.timeout = timeout
        self.log = log
        self._open = {}
        self._lock = threading.Lock()
        threading.Thread(target=self._watch, name="header-timeout", daemon=True).start()

    def open(self, sock):
        conn = Connection(self.stats, self.timeout)
        conn.handle = sock
        with self._lock:
            self._open[conn] = sock
        self.stats.opened(conn)
        return conn

    def close(self, conn):
        # Removed under the lock before the socket closes, so the watchdog never shuts down a reused descriptor.
        with self._lock:
            sock = self._open.pop(conn, None)
        if sock is not None:
            self.stats.closed(conn)
            sock.close()

    def _watch(self):
        period = watchdog_period(self.timeout)
        while True:
            time.sleep(period)
            now = time.monotonic()
            with self._lock:
                for conn, sock in self._open.items():
                    deadline = conn.deadline
                    if deadline is not None and now > deadline:
                        conn.deadline = float("inf")
                        self.log.write(f"closing connection from {_peer(sock)}: request head not complete within "
                                       f"{self.timeout:g} s")
                        try:
                            sock.shutdown(socket.SHUT_RDWR)
                        except OSError:
                            pass


def _peer(sock):
    try:
        host, port = sock.getpeername()[:2]
        return f"{host}:{port}"
    except OSError:
        return "?"


def run_work(work):
    """/io and /blocking sleep the thread (the blocking models have no other way to wait), /redis blocks on Redis, /rpc on the RPC worker; /cpu
    computes in one go."""
    kind, amount, value = work
    if kind is REDIS or kind is REDIS_BLOCKING:
        return blocking_execute(amount, value)  # python3-redis's synchronous client: the thread waits on the socket
    if kind is RPC:
        return blocking_call(amount)  # pika's BlockingConnection: the thread waits for the worker's reply
    if kind is IO or kind is BLOCK:
        time.sleep(amount / 1000)
        return OK
    if kind is CPU:
        return Response(200, sha256_chain(amount).hex().encode())
    raise ValueError(f"unknown work {work!r}")


def serve_connection(registry, sock):
    """Serves one accepted connection until it closes; any error is logged, never raised."""
    conn = registry.open(sock)
    try:
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        recv, sendall, answer = sock.recv, sock.sendall, conn.answer
        while True:
            kind, work = conn.next()
            if kind is WORK:
                out = conn.take_output()
                if out:
                    sendall(out)
                conn.complete(run_work(work))
                continue
            out = conn.take_output()
            if out:
                sendall(out)
            if kind is CLOSE:
                break
            data = recv(65536)
            out = answer(data)
            while out is not None:  # the common request, answered in one call (contract.Connection.answer)
                sendall(out)
                data = recv(65536)
                out = answer(data)
            if not data:
                break
            conn.received(data)
    except OSError as error:
        registry.log.write(f"connection from {_peer(sock)}: {error}")
    except Exception as error:  # a bug must cost one connection, never the server
        registry.log.write(f"connection from {_peer(sock)}: unexpected {type(error).__name__}: {error}")
    finally:
        registry.close(conn)


def accept_forever(listener, stats, timeout, log, serve):
    """Accepts connections forever and hands each to serve(registry, sock): the one loop both blocking models share."""
    registry = Registry(stats, timeout, log)
    while True:
        try:
            sock, _ = listener.accept()
        except OSError as error:
            log.write(f"accept: {error}")
            time.sleep(0.01)  # out of descriptors, say: retry without spinning
            continue
        serve(registry, sock)
