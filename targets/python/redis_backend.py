"""/redis for the Python targets, each model its own way: the blocking models call python3-redis's synchronous client,
the asyncio models await redis.asyncio, and the selector-loop styles (py-callbacks, py-generators) use LoopRedis, a
small non-blocking RESP client on their own loop. The port is serve.py's --redis; without it /redis answers 503."""

import errno
import socket

from contract import OK, REDIS_NIL, Response, redis_unavailable

PORT = None  # set once by serve.py from --redis, before any connection is served
_NOT_CONFIGURED = Response.text(503, "redis: not configured (start the target with --redis <port>)\n")
_clients = {}


def _reply(value):
    if value is None:
        return REDIS_NIL
    if value is True:
        return OK
    return Response(200, value)


def blocking_execute(key, value):
    """GET (or SET): holds the calling thread until Redis answers — the blocking models' way."""
    if PORT is None:
        return _NOT_CONFIGURED
    try:
        client = _clients.get("sync")
        if client is None:
            import redis  # python3-redis; imported only by a target started with --redis
            client = _clients["sync"] = redis.Redis(host="127.0.0.1", port=PORT, socket_timeout=2, socket_connect_timeout=2)
        return _reply(client.get(key) if value is None else client.set(key, value))
    except Exception as error:  # redis.RedisError, OSError, ImportError: a 503 with one line, never a crash
        return redis_unavailable(error)


async def async_execute(key, value):
    """GET (or SET) awaited on redis.asyncio: the loop serves the others meanwhile — the asyncio models' way."""
    if PORT is None:
        return _NOT_CONFIGURED
    try:
        client = _clients.get("async")
        if client is None:
            import redis.asyncio
            client = _clients["async"] = redis.asyncio.Redis(host="127.0.0.1", port=PORT, socket_timeout=2,
                                                             socket_connect_timeout=2)
        return _reply(await (client.get(key) if value is None else client.set(key, value)))
    except Exception as error:
        return redis_unavailable(error)


def command(key, value):
    """GET key or SET key value, as a RESP array of bulk strings."""
    parts = [b"GET", key] if value is None else [b"SET", key, value]
    return b"*%d\r\n" % len(parts) + b"".join(b"$%d\r\n%s\r\n" % (len(p), p) for p in parts)


def parse(buf):
    """The answer to a whole reply in buf, or None while it is incomplete."""
    end = buf.find(b"\r\n")
    if end < 0:
        return None
    kind, line = buf[:1], buf[1:end]
    if kind == b"+":
        return OK if line == b"OK" else Response(200, bytes(line))
    if kind == b"-":
        return redis_unavailable(line.decode("ascii", "replace"))
    if kind == b"$":
        length = int(line)
        if length < 0:
            return REDIS_NIL
        if len(buf) < end + 2 + length + 2:
            return None
        return Response(200, bytes(buf[end + 2:end + 2 + length]))
    return redis_unavailable(f"unexpected reply {bytes(buf[:end])!r}")


class LoopRedis:
    """Non-blocking connections to Redis on a selector_loop.Loop, one request in flight on each, kept in a pool between
    requests (as redis-py's pool does): no thread, no asyncio. execute() answers through a callback on a later turn."""

    def __init__(self, loop):
        self.loop = loop
        self._idle = []

    def execute(self, key, value, callback):
        if PORT is None:
            self.loop.call_soon(lambda: callback(_NOT_CONFIGURED))
            return
        connection = self._idle.pop() if self._idle else _LoopRedisConnection(self.loop, self._idle)
        connection.send(command(key, value), callback)


class _LoopRedisConnection:
    __slots__ = ("loop", "sock", "idle", "interest", "connecting", "out", "buf", "callback", "broken")

    def __init__(self, loop, idle):
        self.loop = loop
        self.idle = idle
        self.interest = 0
        self.buf = b""
        self.out = b""
        self.callback = None
        self.broken = None
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.setblocking(False)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        code = self.sock.connect_ex(("127.0.0.1", PORT))
        self.connecting = code in (errno.EINPROGRESS, errno.EWOULDBLOCK)
        if code and not self.connecting:
            self._break(f"cannot connect to 127.0.0.1:{PORT}: {errno.errorcode.get(code, code)}")

    def send(self, out, callback):
        self.callback, self.out, self.buf = callback, out, b""
        if self.broken:
            self._answer(redis_unavailable(self.broken))
        elif self.connecting:
            self._watch(2)  # selectors.EVENT_WRITE
        else:
            self._send()

    def _ready(self):
        if self.callback is None:
            self._break("closed by Redis")  # readiness while idle: Redis hung up; the next request opens another
            return
        if self.connecting:
            self.connecting = False
            code = self.sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
            if code:
                self._fail(f"cannot connect: {errno.errorcode.get(code, code)}")
                return
            self._send()
        elif self.out:
            self._send()
        else:
            self._receive()

    def _send(self):
        try:
            sent = self.sock.send(self.out)
        except (BlockingIOError, InterruptedError):
            sent = 0
        except OSError as error:
            self._fail(f"send failed: {error}")
            return
        self.out = self.out[sent:]
        self._watch(2 if self.out else 1)  # EVENT_WRITE until it is all out, then EVENT_READ

    def _receive(self):
        try:
            data = self.sock.recv(65536)
        except (BlockingIOError, InterruptedError):
            return
        except OSError as error:
            self._fail(f"receive failed: {error}")
            return
        if not data:
            self._fail("connection closed by Redis")
            return
        self.buf += data
        answer = parse(self.buf)
        if answer is not None:
            self._watch(0)
            self._answer(answer)

    def _watch(self, events):
        self.interest = self.loop.watch(self.sock, self.interest, events, self._ready)

    def _fail(self, reason):
        self._break(reason)
        self._answer(redis_unavailable(reason))

    def _break(self, reason):
        if self.broken is None:
            self.broken = reason
            self._watch(0)
            self.sock.close()

    def _answer(self, answer):
        callback, self.callback = self.callback, None
        if self.broken is None:
            self.idle.append(self)
        self.loop.call_soon(lambda: callback(answer))
