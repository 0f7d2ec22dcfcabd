"""/rpc for the Python targets: publish N to the RPC worker's queue (bench.rpc) with reply-to set to RabbitMQ's direct
reply-to and a correlation id, and answer the digest the worker replies. The blocking models block on python3-pika's
BlockingConnection (one per thread: pika is not thread-safe), the asyncio models await python3-aio-pika (one connection
for the loop). py-callbacks and py-generators have no non-blocking AMQP client on their selectors loop: /rpc is 501
there. The port is serve.py's --rabbitmq; without it /rpc answers 503. A broker that is down is a 503 with one line,
a worker that does not answer within TIMEOUT a 504."""

import asyncio
import itertools
import threading
import time

from contract import Response

PORT = None  # set once by serve.py from --rabbitmq, before any connection is served
TIMEOUT = 1.5  # seconds; under the load generator's own 2 s, so a lost reply is our 504, not a client timeout
QUEUE = "bench.rpc"
DIRECT_REPLY_TO = "amq.rabbitmq.reply-to"

NOT_CONFIGURED = Response.text(503, "rabbitmq: not configured (start the target with --rabbitmq <port>)\n")
UNSUPPORTED = Response.text(501, "rpc: not on this model (its selectors loop has no non-blocking AMQP client)\n")
_ids = itertools.count(1)  # next() on a count is atomic under the GIL
_local = threading.local()
_async = {}


def unavailable(reason):
    line = str(reason).splitlines()[0] if str(reason) else type(reason).__name__
    return Response.text(503, f"rabbitmq: {line[:200]}\n")


def timed_out():
    return Response.text(504, f"rpc: no answer from the worker within {TIMEOUT:g} s\n")


class _BlockingLink:
    """One pika BlockingConnection and channel, consuming direct reply-to: this thread's own."""

    def __init__(self, pika):
        params = pika.ConnectionParameters(host="127.0.0.1", port=PORT, socket_timeout=2, blocked_connection_timeout=2,
                                           connection_attempts=1, stack_timeout=3)
        self.pika = pika
        self.connection = pika.BlockingConnection(params)
        self.channel = self.connection.channel()
        self.replies = {}
        self.channel.basic_consume(DIRECT_REPLY_TO, self._on_reply, auto_ack=True)

    def _on_reply(self, channel, method, properties, body):
        self.replies[properties.correlation_id] = body

    def call(self, rounds):
        cid = str(next(_ids))
        self.channel.basic_publish("", QUEUE, str(rounds).encode(),
                                   self.pika.BasicProperties(reply_to=DIRECT_REPLY_TO, correlation_id=cid))
        deadline = time.monotonic() + TIMEOUT
        while cid not in self.replies:
            left = deadline - time.monotonic()
            if left <= 0:
                return timed_out()
            self.connection.process_data_events(time_limit=left)  # the thread waits on the socket: the blocking way
        return Response(200, self.replies.pop(cid))


def blocking_call(rounds):
    """The blocking models' /rpc: holds the calling thread until the reply, the timeout or the broker's failure."""
    if PORT is None:
        return NOT_CONFIGURED
    try:
        link = getattr(_local, "link", None)
        if link is None or not link.connection.is_open:
            import pika  # python3-pika; imported only by a target started with --rabbitmq
            link = _local.link = _BlockingLink(pika)
        return link.call(rounds)
    except Exception as error:  # pika.exceptions.AMQPError, OSError, ImportError: a 503 with one line, never a crash
        _local.link = None
        return unavailable(error or "the broker is unreachable")


class _AsyncLink:
    """One aio-pika connection and channel for the loop, consuming direct reply-to; replies resolve futures by id."""

    def __init__(self):
        self.connection = None
        self.channel = None
        self.waiting = {}

    async def open(self, aio_pika):
        self.connection = await aio_pika.connect(host="127.0.0.1", port=PORT, timeout=2)
        # No publisher confirms (aio-pika's default asks for them): pika and RabbitMQ.Client publish without, and the
        # reply is the confirmation that matters. With them, every request waits one more round trip to the broker.
        self.channel = await self.connection.channel(publisher_confirms=False)
        queue = await self.channel.get_queue(DIRECT_REPLY_TO, ensure=False)
        await queue.consume(self._on_reply, no_ack=True)
        self.connection.close_callbacks.add(self._on_close)

    def _on_close(self, *args):
        for future in self.waiting.values():
            if not future.done():
                future.set_result(None)

    async def _on_reply(self, message):
        future = self.waiting.pop(message.correlation_id, None)
        if future is not None and not future.done():
            future.set_result(message.body)

    async def call(self, aio_pika, rounds):
        cid = str(next(_ids))
        future = asyncio.get_running_loop().create_future()
        self.waiting[cid] = future
        try:
            await self.channel.default_exchange.publish(
                aio_pika.Message(str(rounds).encode(), reply_to=DIRECT_REPLY_TO, correlation_id=cid), routing_key=QUEUE)
            body = await asyncio.wait_for(future, TIMEOUT)
        except asyncio.TimeoutError:
            return timed_out()
        finally:
            self.waiting.pop(cid, None)
        return Response(200, body) if body is not None else unavailable("the connection to the broker was lost")


async def async_call(rounds):
    """The asyncio models' /rpc: awaited on aio-pika, the loop serves the others while the worker computes."""
    if PORT is None:
        return NOT_CONFIGURED
    try:
        import aio_pika  # python3-aio-pika; imported only by a target started with --rabbitmq
        link = _async.get("link")
        if link is None or link.connection.is_closed:
            opening = _async.get("opening")
            if opening is None:  # one connection attempt at a time; the other requests wait for it
                opening = _async["opening"] = asyncio.ensure_future(_open(aio_pika))
            try:
                link = await asyncio.shield(opening)
            finally:
                if _async.get("opening") is opening and opening.done():
                    del _async["opening"]
        return await link.call(aio_pika, rounds)
    except Exception as error:  # aio_pika/aiormq errors, OSError: a 503 with one line, never a crash
        return unavailable(error or "the broker is unreachable")


async def _open(aio_pika):
    link = _AsyncLink()
    await link.open(aio_pika)
    _async["link"] = link
    return link
