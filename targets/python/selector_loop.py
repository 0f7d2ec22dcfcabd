"""A one-thread reactor on the standard library's selectors (DefaultSelector: epoll here), no asyncio: what
py-callbacks and py-generators run on, the Python twin of targets/Bench.Targets/Reactor.

The Loop owns an epoll selector (each registered socket's data is the zero-argument callable to run when it is ready),
a timer heap for waits, and a ready queue for "give the others a turn". serve() adds what both styles share: the
listening socket, the open connections and the header-timeout sweep, all on the loop. A style supplies only how one
accepted connection is served.
"""

import heapq
import selectors
import socket
import time
from collections import deque
from itertools import count

from contract import Connection, watchdog_period
from redis_backend import LoopRedis

READ = selectors.EVENT_READ
WRITE = selectors.EVENT_WRITE
_ACCEPTS_PER_TURN = 16  # a burst of connections cannot starve the served ones for long


class Loop:
    """Everything here runs on the thread that called run(): handlers, timers and turns alike."""

    def __init__(self, log):
        self.log = log
        self._selector = selectors.DefaultSelector()
        self._timers = []  # heap of [due, sequence, callback]; a cancelled timer's callback is None
        self._sequence = count()  # ties in due time run in the order they were set, and never compare callbacks
        self._ready = deque()
        self._stopping = False

    # Interest: the caller knows what it watches, so it calls register/modify/unregister only on a change.
    def register(self, sock, events, callback):
        self._selector.register(sock, events, callback)

    def modify(self, sock, events, callback):
        self._selector.modify(sock, events, callback)

    def unregister(self, sock):
        self._selector.unregister(sock)

    def watch(self, sock, interest, events, callback):
        """Moves sock from what it is watched for (interest, 0 for nothing) to events; returns events, the new interest."""
        if events != interest:
            if not interest:
                self._selector.register(sock, events, callback)
            elif events:
                self._selector.modify(sock, events, callback)
            else:
                self._selector.unregister(sock)
        return events

    def call_later(self, seconds, callback):
        """Runs callback() once seconds have passed, on a later turn, never now; the entry cancels it (cancel())."""
        entry = [time.monotonic() + seconds, next(self._sequence), callback]
        heapq.heappush(self._timers, entry)
        return entry

    @staticmethod
    def cancel(entry):
        entry[2] = None

    def call_soon(self, callback):
        """Runs callback() on the next turn, after the sockets ready now had theirs."""
        self._ready.append(callback)

    def stop(self):
        """From a handler on the loop (or a signal handler): run() returns after this turn."""
        self._stopping = True

    def run(self):
        select = self._selector.select
        timers = self._timers
        ready = self._ready
        monotonic = time.monotonic
        heappop = heapq.heappop
        while not self._stopping:
            if ready:
                timeout = 0
            elif timers:
                timeout = max(timers[0][0] - monotonic(), 0)
            else:
                timeout = None
            for key, _ in select(timeout):
                try:
                    key.data()
                except Exception as error:  # one failing handler must never stop the loop serving everyone else
                    self._failed(error)
            if timers:
                now = monotonic()
                while timers and timers[0][0] <= now:
                    callback = heappop(timers)[2]
                    if callback is not None:
                        try:
                            callback()
                        except Exception as error:
                            self._failed(error)
            # Only what was ready when the turn began: what these queue waits for the next turn, after I/O.
            for _ in range(len(ready)):
                try:
                    ready.popleft()()
                except Exception as error:
                    self._failed(error)

    def _failed(self, error):
        self.log.write(f"loop handler failed: {type(error).__name__}: {error}")


class LoopConnection:
    """What a connection of either style holds on the loop: its socket, its contract.Connection, what the loop watches
    the socket for, its pending timer, and `ready`, the one callable the loop calls when the socket is ready (bound
    once by the subclass). abort() closes it at once, whatever it was waiting for."""

    __slots__ = ("server", "loop", "sock", "conn", "interest", "closed", "timer", "ready")

    def __init__(self, server, sock):
        self.server = server
        self.loop = server.loop
        self.sock = sock
        self.conn = Connection(server.stats, server.timeout)
        self.conn.handle = sock
        self.interest = 0  # what the loop watches the socket for: 0, READ or WRITE
        self.closed = False
        self.timer = None

    def _watch(self, events):
        self.interest = self.loop.watch(self.sock, self.interest, events, self.ready)

    def abort(self):
        """Closes at once: the peer went away, the header timeout passed, the handler finished or failed, or the
        response is out and the request said close."""
        if self.closed:
            return
        self.closed = True
        self._watch(0)
        if self.timer is not None:
            self.loop.cancel(self.timer)
            self.timer = None
        self.sock.close()
        self.server.remove(self)


class Server:
    """The listening socket and the open connections of one loop. A connection object has `conn` (the
    contract.Connection) and abort(); start(server, sock) serves a newly accepted socket, on the loop."""

    def __init__(self, loop, listener, stats, timeout, log, start):
        self.loop = loop
        self.stats = stats
        self.timeout = timeout
        self.log = log
        self.open = set()
        self.redis = LoopRedis(loop)  # /redis: the loop's own non-blocking client, shared by its connections
        self._listener = listener
        self._start = start
        self._period = watchdog_period(timeout)
        listener.setblocking(False)
        loop.register(listener, READ, self._accept)
        loop.call_later(self._period, self._sweep)

    def add(self, connection):
        self.open.add(connection)
        self.stats.opened(connection.conn)

    def remove(self, connection):
        if connection in self.open:
            self.open.discard(connection)
            self.stats.closed(connection.conn)

    def _accept(self):
        for _ in range(_ACCEPTS_PER_TURN):
            try:
                sock, _ = self._listener.accept()
            except (BlockingIOError, InterruptedError):
                return
            except OSError as error:  # out of descriptors, or a connection reset before it was accepted
                self.log.write(f"accept: {error}")
                return
            sock.setblocking(False)
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)  # as asyncio's transports
            self._start(self, sock)

    def _sweep(self):
        """A connection whose request head is not complete in time is closed, here on the loop like everything else
        (one timer for all of them, not one per request)."""
        self.loop.call_later(self._period, self._sweep)
        now = time.monotonic()
        for connection in [c for c in self.open if c.conn.deadline is not None and now > c.conn.deadline]:
            connection.conn.deadline = float("inf")
            self.log.write(f"closing connection from {peer(connection.sock)}: request head not complete within "
                           f"{self.timeout:g} s")
            connection.abort()


def peer(sock):
    try:
        host, port = sock.getpeername()[:2]
        return f"{host}:{port}"
    except OSError:
        return "?"


def serve(listener, stats, timeout, log, ready, start):
    """Serves on the calling thread, forever (serve.py's signal handler ends the process)."""
    loop = Loop(log)
    Server(loop, listener, stats, timeout, log, start)
    ready()
    loop.run()
