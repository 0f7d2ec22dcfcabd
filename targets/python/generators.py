"""py-generators: generator coroutines driven by a small scheduler on selector_loop's reactor — how async worked in
Python before `async def` (PEP 342's send(), Twisted's inlineCallbacks, David Beazley's "A Curious Course on
Coroutines"), and the twin of the C# `generators` model. A connection's handler is one generator, top to bottom, that
yields what it waits for — READABLE, WRITABLE, TURN (give the others a turn) or a Delay — and its Task resumes it
with next() when that is ready. No `async def`, no `await`, no asyncio. /blocking is time.sleep, which holds every
connection on purpose."""

import time

from contract import CLOSE, CPU, IO, OK, REDIS, REDIS_BLOCKING, RPC, WORK, Response, sha256_chain
import rabbit_backend
import redis_backend
from selector_loop import READ, WRITE, LoopConnection, peer, serve

READABLE = "readable"
WRITABLE = "writable"
TURN = "turn"


class RedisCall:
    """Yielded for /redis: the loop's own client sends it, and the generator is resumed with the answer (send())."""

    __slots__ = ("key", "value")

    def __init__(self, key, value):
        self.key = key
        self.value = value


class Delay:
    """Yielded to be resumed once seconds have passed (a timer on the loop)."""

    __slots__ = ("seconds",)

    def __init__(self, seconds):
        self.seconds = seconds


class Task(LoopConnection):
    """Drives one connection's generator: runs it to its next yield, then arranges to be resumed for what it yielded.
    A suspension here is the generator's frame saved at the yield and resumed by next() — no callback per step, no
    future, no event loop handle."""

    __slots__ = ("generator",)

    def __init__(self, server, sock):
        super().__init__(server, sock)
        self.generator = handle(self.conn, sock)
        self.ready = self._resume  # bound once: every registration and timer reuses it
        server.add(self)
        self._resume()

    def _resume(self, sent=None):
        """Runs the generator to its next yield; sent is what its yield evaluates to (the answer of a RedisCall)."""
        if self.closed:
            return
        self.timer = None
        try:
            what = self.generator.send(sent)
        except StopIteration:
            self.abort()
            return
        except (ConnectionResetError, BrokenPipeError):
            self.abort()
            return
        except Exception as error:  # an OSError, or a bug: it costs this connection, never the server
            self.server.log.write(f"connection from {peer(self.sock)}: {type(error).__name__}: {error}")
            self.abort()
            return
        if what is READABLE:
            self._watch(READ)
        elif what is WRITABLE:
            self._watch(WRITE)
        elif type(what) is RedisCall:
            self._watch(0)
            self.server.redis.execute(what.key, what.value, self._resume)  # resumed with the answer, sent in
        elif what is TURN:
            self._watch(0)  # level-triggered readiness must not spin while the generator waits for something else
            self.loop.call_soon(self.ready)
        else:
            self._watch(0)
            self.timer = self.loop.call_later(what.seconds, self.ready)

    def abort(self):
        if not self.closed:
            super().abort()
            self.generator.close()


def send_all(send, out):
    """Sends out, yielding WRITABLE whenever the socket's buffer is full."""
    while out:
        try:
            out = out[send(out):]
        except (BlockingIOError, InterruptedError):
            pass
        if out:
            yield WRITABLE


def handle(conn, sock):
    """The whole connection as one generator: the same protocol steps as every model, each wait a yield."""
    recv, send, answer = sock.recv, sock.send, conn.answer
    while True:
        kind, work = conn.next()
        if kind is WORK:
            conn.complete((yield from run_work(work)))
            continue
        yield from send_all(send, conn.take_output())
        if kind is CLOSE:
            return
        while True:
            yield READABLE
            try:
                data = recv(65536)
            except (BlockingIOError, InterruptedError):
                continue
            if not data:
                return
            out = answer(data)  # the common request, answered in one call (contract.Connection.answer)
            if out is None:
                break
            yield from send_all(send, out)
        conn.received(data)


def run_work(work):
    """A sub-generator (yield from): /io waits for a Delay, a yielding /cpu for a TURN every K rounds."""
    kind, amount, every = work
    if kind is REDIS:
        return (yield RedisCall(amount, every))
    if kind is REDIS_BLOCKING:
        return redis_backend.blocking_execute(amount, every)  # the pitfall: no yield, the loop waits for Redis
    if kind is RPC:
        return rabbit_backend.UNSUPPORTED  # no non-blocking AMQP client on this loop
    if kind is IO:
        yield Delay(amount / 1000)
        return OK
    if kind is CPU:
        state = b"bench"
        if every and amount > every:
            while amount > every:
                state = sha256_chain(every, state)
                amount -= every
                yield TURN
        return Response(200, sha256_chain(amount, state).hex().encode())
    time.sleep(amount / 1000)  # /blocking: the anti-pattern on purpose, the whole loop stops
    return OK


def run(listener, stats, timeout, log, ready):
    serve(listener, stats, timeout, log, ready, Task)
