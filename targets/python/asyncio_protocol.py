"""py-asyncio-protocol: asyncio.Protocol callbacks, no coroutines. /io is a loop.call_later timer; /cpu with yield=K
computes K rounds per callback and schedules the rest with loop.call_soon, so other connections run in between."""

import asyncio
import time

from aio import Registry
from contract import CLOSE, CPU, IO, OK, REDIS, REDIS_BLOCKING, RPC, WORK, Connection, Response, sha256_chain
from rabbit_backend import async_call
from redis_backend import async_execute, blocking_execute

_PAUSE_INPUT = 16 * 1024  # buffered input beyond which reading pauses while a request is in progress


class HttpProtocol(asyncio.Protocol):
    __slots__ = ("registry", "loop", "conn", "transport", "busy", "closed", "reading", "timer")

    def __init__(self, registry):
        self.registry = registry
        self.loop = registry.loop
        self.busy = False
        self.closed = False
        self.reading = True
        self.timer = None

    def connection_made(self, transport):
        self.transport = transport
        self.conn = Connection(self.registry.stats, self.registry.timeout)
        self.conn.handle = transport
        self.registry.add(self.conn)

    def connection_lost(self, exc):
        self.closed = True
        self.registry.remove(self.conn)
        if self.timer is not None:
            self.timer.cancel()
        if exc is not None:
            peer = self.transport.get_extra_info("peername")
            self.registry.log.write(f"connection from {peer[0]}:{peer[1]}: {exc}" if peer else f"connection: {exc}")

    def data_received(self, data):
        conn = self.conn
        if not self.busy:
            out = conn.answer(data)  # the common request, answered in one call (contract.Connection.answer)
            if out is not None:
                self.transport.write(out)
                return
            conn.received(data)
            self._pump()
            return
        conn.received(data)
        if self.reading and len(conn.buf) > _PAUSE_INPUT:
            self.reading = False
            self.transport.pause_reading()

    def pause_writing(self):
        if self.reading:
            self.reading = False
            self.transport.pause_reading()

    def resume_writing(self):
        if not self.reading and not self.busy:
            self.reading = True
            self.transport.resume_reading()

    def _pump(self):
        conn = self.conn
        while True:
            kind, work = conn.next()
            if kind is WORK:
                if self._start(work):
                    continue
                out = conn.take_output()
                if out:
                    self.transport.write(out)
                return
            out = conn.take_output()
            if out:
                self.transport.write(out)
            if kind is CLOSE:
                self.transport.close()
            return

    def _start(self, work):
        """Carries out the work; True when it completed at once, False when a callback completes it later."""
        kind, amount, every = work
        if kind is IO:
            self.busy = True
            self.timer = self.loop.call_later(amount / 1000, self._finish, OK)
            return False
        if kind is REDIS:
            # A Protocol has no coroutine of its own: redis.asyncio's call runs as a task, its answer finishes the request.
            self.busy = True
            task = self.loop.create_task(async_execute(amount, every))
            task.add_done_callback(lambda done: self._finish(done.result()))
            return False
        if kind is REDIS_BLOCKING:
            self.conn.complete(blocking_execute(amount, every))  # the pitfall: the synchronous client stops the loop
            return True
        if kind is RPC:
            # The same for /rpc: aio-pika's call runs as a task, the worker's reply finishes the request.
            self.busy = True
            task = self.loop.create_task(async_call(amount))
            task.add_done_callback(lambda done: self._finish(done.result()))
            return False
        if kind is CPU:
            if every and amount > every:
                self.busy = True
                self._cpu_step(b"bench", amount, every)
                return False
            self.conn.complete(Response(200, sha256_chain(amount).hex().encode()))
            return True
        time.sleep(amount / 1000)  # /blocking: the anti-pattern on purpose, the whole loop stops
        self.conn.complete(OK)
        return True

    def _cpu_step(self, state, remaining, every):
        if self.closed:
            return
        step = min(every, remaining)
        state = sha256_chain(step, state)
        remaining -= step
        if remaining:
            self.timer = self.loop.call_soon(self._cpu_step, state, remaining, every)
        else:
            self._finish(Response(200, state.hex().encode()))

    def _finish(self, response):
        self.timer = None
        self.busy = False
        if self.closed:
            return
        self.conn.complete(response)
        if not self.reading and self.transport.get_write_buffer_size() == 0:
            self.reading = True
            self.transport.resume_reading()
        self._pump()


def run(listener, stats, timeout, log, ready, loop_factory=asyncio.new_event_loop):
    loop = loop_factory()
    asyncio.set_event_loop(loop)
    registry = Registry(loop, stats, timeout, log)

    async def main():
        await loop.create_server(lambda: HttpProtocol(registry), sock=listener, backlog=1024)
        ready()
        await asyncio.Event().wait()

    loop.run_until_complete(main())
