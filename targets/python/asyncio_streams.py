"""py-asyncio-streams: asyncio.start_server, one coroutine per connection reading a StreamReader and writing a
StreamWriter. /io awaits asyncio.sleep; /cpu with yield=K awaits asyncio.sleep(0) every K rounds."""

import asyncio
import time

from aio import Registry
from contract import CLOSE, CPU, IO, OK, REDIS, REDIS_BLOCKING, RPC, WORK, Connection, Response, sha256_chain
from rabbit_backend import async_call
from redis_backend import async_execute, blocking_execute


async def _run_work(work):
    kind, amount, every = work
    if kind is IO:
        await asyncio.sleep(amount / 1000)
        return OK
    if kind is REDIS:
        return await async_execute(amount, every)  # redis.asyncio: the loop serves the others while Redis answers
    if kind is REDIS_BLOCKING:
        return blocking_execute(amount, every)  # the pitfall: the synchronous client inside a coroutine stops the loop
    if kind is RPC:
        return await async_call(amount)  # aio-pika: the loop serves the others while the worker computes
    if kind is CPU:
        if not every:
            return Response(200, sha256_chain(amount).hex().encode())
        state = b"bench"
        while amount > 0:
            step = min(every, amount)
            state = sha256_chain(step, state)
            amount -= step
            await asyncio.sleep(0)
        return Response(200, state.hex().encode())
    time.sleep(amount / 1000)  # /blocking: the anti-pattern on purpose, the whole loop stops
    return OK


def run(listener, stats, timeout, log, ready, loop_factory=asyncio.new_event_loop):
    loop = loop_factory()
    asyncio.set_event_loop(loop)
    registry = Registry(loop, stats, timeout, log)

    async def handle(reader, writer):
        conn = Connection(stats, timeout)
        conn.handle = writer.transport
        registry.add(conn)
        transport = writer.transport
        read, write, answer = reader.read, writer.write, conn.answer
        try:
            while True:
                kind, work = conn.next()
                if kind is WORK:
                    out = conn.take_output()
                    if out:
                        write(out)
                    conn.complete(await _run_work(work))
                    continue
                out = conn.take_output()
                if out:
                    write(out)
                    if transport.get_write_buffer_size():  # drain() only waits while bytes are queued
                        await writer.drain()
                if kind is CLOSE:
                    break
                data = await read(65536)
                out = answer(data)
                while out is not None:  # the common request, answered in one call (contract.Connection.answer)
                    write(out)
                    if transport.get_write_buffer_size():
                        await writer.drain()
                    data = await read(65536)
                    out = answer(data)
                if not data:
                    break
                conn.received(data)
        except (OSError, asyncio.IncompleteReadError) as error:
            log.write(f"connection from {_peer(writer)}: {error}")
        except Exception as error:  # a bug must cost one connection, never the server
            log.write(f"connection from {_peer(writer)}: unexpected {type(error).__name__}: {error}")
        finally:
            registry.remove(conn)
            writer.close()

    async def main():
        await asyncio.start_server(handle, sock=listener, backlog=1024)
        ready()
        await asyncio.Event().wait()

    loop.run_until_complete(main())


def _peer(writer):
    peer = writer.get_extra_info("peername")
    return f"{peer[0]}:{peer[1]}" if peer else "?"
