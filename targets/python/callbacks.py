"""py-callbacks: protocol callbacks on selector_loop's reactor, no asyncio and no coroutines — asyncio.Protocol's
shape without asyncio (the twin of the C# `callbacks` model). The loop calls back when the socket is readable or
writable or a timer is due, and a connection's state lives in its fields between calls: each suspension is a registered
callback and a return. /io is a loop timer; /cpu with yield=K computes K rounds per callback and reschedules the rest
with call_soon, so the others get their turn in between; /blocking is time.sleep, which holds every connection on
purpose."""

import time

from contract import CLOSE, CPU, IO, OK, REDIS, REDIS_BLOCKING, RPC, WORK, Response, sha256_chain
import rabbit_backend
import redis_backend
from selector_loop import READ, WRITE, LoopConnection, peer, serve


class CallbackConnection(LoopConnection):
    __slots__ = ("pending", "cpu")

    def __init__(self, server, sock):
        super().__init__(server, sock)
        self.ready = self.on_ready
        self.pending = b""  # output the socket has not taken yet; while there is some, nothing is read
        self.cpu = None  # (state, remaining, every) of a yielding /cpu between its slices
        server.add(self)
        self._process()  # connection_made

    def on_ready(self):
        """data_received, or resume_writing when a flush was waiting for room: the one callback the loop calls."""
        if self.pending:
            if self._send(self.pending):
                self._process()
            return
        try:
            data = self.sock.recv(65536)
        except (BlockingIOError, InterruptedError):
            return
        except OSError as error:
            self._lost(error)
            return
        if not data:
            self.abort()
            return
        out = self.conn.answer(data)  # the common request, answered in one call (contract.Connection.answer)
        if out is not None:
            self._send(out)
            return
        self.conn.received(data)
        self._process()

    def _process(self):
        """Runs the protocol until it needs something it must wait for, then arranges the callback for it."""
        conn = self.conn
        while True:
            kind, work = conn.next()
            if kind is WORK:
                if self._complete_now(work):
                    continue
                self._watch(0)  # a timer or a later turn calls back; level-triggered readiness must not spin meanwhile
                return
            out = conn.take_output()
            if out and not self._send(out):
                return  # on_ready continues once the socket takes the rest
            if kind is CLOSE:
                self.abort()
            else:
                self._watch(READ)
            return

    def _complete_now(self, work):
        """Carries out the work: True when it completed at once, False when a callback completes it later."""
        kind, amount, every = work
        if kind is IO:
            self.timer = self.loop.call_later(amount / 1000, self._io_done)
            return False
        if kind is REDIS:
            self.server.redis.execute(amount, every, self._redis_done)  # the loop's own client calls back with the answer
            return False
        if kind is REDIS_BLOCKING:
            self.conn.complete(redis_backend.blocking_execute(amount, every))  # the pitfall: the loop waits for Redis
            return True
        if kind is RPC:
            self.conn.complete(rabbit_backend.UNSUPPORTED)  # no non-blocking AMQP client on this loop
            return True
        if kind is CPU:
            if every and amount > every:
                self.cpu = (b"bench", amount, every)
                self._cpu_slice()
                return False
            self.conn.complete(Response(200, sha256_chain(amount).hex().encode()))
            return True
        time.sleep(amount / 1000)  # /blocking: the anti-pattern on purpose, the whole loop stops
        self.conn.complete(OK)
        return True

    def _redis_done(self, answer):
        if self.closed:
            return
        self.conn.complete(answer)
        self._process()

    def _io_done(self):
        self.timer = None
        self.conn.complete(OK)
        self._process()

    def _cpu_slice(self):
        """One slice of CPU work, then a later turn, so every connection ready meanwhile gets its turn first."""
        if self.closed:
            return
        state, remaining, every = self.cpu
        step = min(every, remaining)
        state = sha256_chain(step, state)
        remaining -= step
        if remaining:
            self.cpu = (state, remaining, every)
            self.loop.call_soon(self._cpu_slice)
            return
        self.cpu = None
        self.conn.complete(Response(200, state.hex().encode()))
        self._process()

    def _send(self, out):
        """Sends out as far as the socket takes it now: True when all of it went, else it waits for room (or closed)."""
        try:
            sent = self.sock.send(out)
        except (BlockingIOError, InterruptedError):
            sent = 0
        except OSError as error:
            self._lost(error)
            return False
        if sent == len(out):
            self.pending = b""
            return True
        self.pending = out[sent:]
        self._watch(WRITE)
        return False

    def _lost(self, error):
        if not isinstance(error, (ConnectionResetError, BrokenPipeError)):
            self.server.log.write(f"connection from {peer(self.sock)}: {error}")
        self.abort()


def run(listener, stats, timeout, log, ready):
    serve(listener, stats, timeout, log, ready, CallbackConnection)
