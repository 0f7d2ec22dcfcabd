"""The target contract, free of I/O (sans-I/O, like the C# ConnectionProtocol): bytes go in, steps come out.

Every Python model drives the same Connection, so the models differ only in how they wait. The limits and the
answers to bad input are those of targets/Bench.Targets/Http (README, "The target contract").
"""

import hashlib
import json
import os
import re
import sys
import threading
import time

MAX_HEAD = 8 * 1024
MAX_BODY = 1024 * 1024
MAX_MS = 60_000
MAX_ROUNDS = 10_000_000

# Steps Connection.next() returns.
NEED_DATA, WORK, CLOSE = 0, 1, 2
# Work kinds carried out by the model.
IO, BLOCK, CPU, REDIS, RPC, REDIS_BLOCKING = 0, 1, 2, 3, 4, 5

_TOKEN = re.compile(rb"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")
_TARGET = re.compile(rb"/[\x21-\x7e\x80-\xff]*")
_VALUE = re.compile(rb"[\x20-\x7e\x80-\xff\t]*")
_INTEGER = re.compile(rb"[+-]?[0-9]+")
_HTTP_LIKE = re.compile(rb"HTTP/[0-9]\.[0-9]")
# The common head in one match, anchored at both ends: a valid request line, then only `token: value` header lines,
# none of them one the contract acts on (Content-Length, Transfer-Encoding, Connection), then the blank line. Anything
# else goes to the strict parse, which names what is wrong or reads the headers that matter. One expression costs half
# of matching the line and the fields apart and then searching for those names; possessive quantifiers (`*+`, Python
# 3.11: no class here overlaps the character after it, so there is never anything to give back) and testing the first
# letter before the case-insensitive names halve it again (wrk's two-line head: 0.85 → 0.4 → 0.23 µs).
_FIELD_LINES = (rb"(?:(?![cCtT](?i:ontent-length|ransfer-encoding|onnection):)"
                rb"[!#$%&'*+\-.^_`|~0-9A-Za-z]++:[\x20-\x7e\x80-\xff\t]*+\r\n)*+\r\n")
_COMMON_HEAD = re.compile(
    rb"([!#$%&'*+\-.^_`|~0-9A-Za-z]++) (/[\x21-\x7e\x80-\xff]*+) HTTP/1\.([01])\r\n" + _FIELD_LINES)
# The same for Connection.answer(), which serves only keep-alive GETs: the target is the one group.
_COMMON_GET = re.compile(rb"GET (/[\x21-\x7e\x80-\xff]*+) HTTP/1\.1\r\n" + _FIELD_LINES)

_REASONS = {
    200: b"200 OK", 400: b"400 Bad Request", 404: b"404 Not Found", 405: b"405 Method Not Allowed",
    408: b"408 Request Timeout", 413: b"413 Content Too Large", 431: b"431 Request Header Fields Too Large",
    500: b"500 Internal Server Error", 501: b"501 Not Implemented", 503: b"503 Service Unavailable",
    504: b"504 Gateway Timeout",
    505: b"505 HTTP Version Not Supported",
}


class Response:
    """A status and body, encoded once for keep-alive and once for close (constant responses cost nothing)."""

    __slots__ = ("status", "close", "keep_bytes", "close_bytes")

    def __init__(self, status, body, is_json=False, close=False):
        self.status = status
        self.close = close
        head = b"HTTP/1.1 " + _REASONS.get(status, b"500 Internal Server Error")
        head += b"\r\nContent-Type: application/json" if is_json else b"\r\nContent-Type: text/plain"
        head += b"\r\nContent-Length: " + str(len(body)).encode()
        if status == 405:
            head += b"\r\nAllow: GET"
        self.keep_bytes = head + b"\r\n\r\n" + body
        self.close_bytes = head + b"\r\nConnection: close\r\n\r\n" + body

    @staticmethod
    def text(status, body, close=False):
        return Response(status, body.encode(), close=close)

    @staticmethod
    def error(status, reason):
        return Response(status, (reason + "\n").encode(), close=True)


HELLO = Response(200, b"Hello, World!")
OK = Response(200, b"OK")
NOT_FOUND = Response.text(404, "not found\n")
METHOD_NOT_ALLOWED = Response.text(405, "method not allowed\n")
_HEAD_TOO_LARGE = Response.error(431, "request head too large")
_INFO = object()  # the router's marker for /info, answered from the server's statistics
_KNOWN = frozenset((b"/hello", b"/io", b"/cpu", b"/blocking", b"/info", b"/redis", b"/redis-blocking", b"/rpc"))
# /redis?key=K[&set=V]: letters, digits and . _ : - only (nothing to percent-decode, never the "(nil)" a missing key gets)
_REDIS_TEXT = re.compile(rb"[A-Za-z0-9._:-]+")
MAX_KEY, MAX_VALUE = 128, 4096
REDIS_NIL = Response(200, b"(nil)")
_CONSTANT_GET = {b"/hello": HELLO}  # the GET targets whose answer never changes: Connection.answer() serves them
_monotonic = time.monotonic  # one global lookup instead of two per request


def _bad_parameter(name, low, high):
    return Response.text(400, f"parameter '{name}' must be an integer from {low} to {high}\n")


_BAD = {
    "n": _bad_parameter("n", 0, MAX_ROUNDS), "yield": _bad_parameter("yield", 1, MAX_ROUNDS),
    "ms": _bad_parameter("ms", 0, MAX_MS),
}


def _int_param(query, name, low, high, required):
    """The parameter's value, None when absent and optional, or the 400 Response to answer."""
    key = name.encode() + b"="
    for pair in query.split(b"&"):
        if pair.startswith(key):
            text = pair[len(key):]
            if _INTEGER.fullmatch(text):
                value = int(text)
                if low <= value <= high:
                    return value
            return _BAD[name]
    return _BAD[name] if required else None


def redis_unavailable(reason):
    """A Redis that is down, or answers an error: 503 with one line, never a crash."""
    line = str(reason).splitlines()[0] if str(reason) else "unavailable"
    return Response.text(503, f"redis: {line[:200]}\n")


def _text_param(query, name, limit, required):
    """The parameter's bytes, None when absent and optional, or the 400 Response to answer."""
    key = name.encode() + b"="
    for pair in query.split(b"&"):
        if pair.startswith(key) or pair == name.encode():
            text = pair[len(key):]
            if 0 < len(text) <= limit and _REDIS_TEXT.fullmatch(text):
                return text
            break
    else:
        if not required:
            return None
    return Response.text(400, f"parameter '{name}' must be 1 to {limit} letters, digits or . _ : -\n")


def route(is_get, target):
    """A Response, _INFO, or a work tuple (kind, amount, yield_every) for the model to carry out; for /redis
    (REDIS, key, value to SET or None), for /redis-blocking the same with REDIS_BLOCKING; for /rpc (RPC, rounds, 0)."""
    q = target.find(b"?")
    path, query = (target, b"") if q < 0 else (target[:q], target[q + 1:])
    if path not in _KNOWN:
        return NOT_FOUND
    if not is_get:
        return METHOD_NOT_ALLOWED
    if path == b"/hello":
        return HELLO
    if path == b"/info":
        return _INFO
    if path == b"/redis" or path == b"/redis-blocking":
        key = _text_param(query, "key", MAX_KEY, True)
        if isinstance(key, Response):
            return key
        value = _text_param(query, "set", MAX_VALUE, False)
        if isinstance(value, Response):
            return value
        return (REDIS if path == b"/redis" else REDIS_BLOCKING, key, value)
    if path == b"/rpc":
        rounds = _int_param(query, "n", 0, MAX_ROUNDS, True)
        return (RPC, rounds, 0) if type(rounds) is int else rounds
    if path == b"/cpu":
        rounds = _int_param(query, "n", 0, MAX_ROUNDS, True)
        if type(rounds) is not int:
            return rounds
        every = _int_param(query, "yield", 1, MAX_ROUNDS, False)
        if isinstance(every, Response):
            return every
        return (CPU, rounds, every or 0)
    ms = _int_param(query, "ms", 0, MAX_MS, True)
    if type(ms) is not int:
        return ms
    return (IO if path == b"/io" else BLOCK, ms, 0)


def parse(buf, pos):
    """One request head from buf[pos:]: None when incomplete, an error Response, or (is_get, target, keep_alive,
    content_length, head_end) with head_end the offset just past the blank line."""
    line_end = buf.find(b"\r\n", pos)
    if line_end < 0:
        return _HEAD_TOO_LARGE if len(buf) - pos >= MAX_HEAD else None
    # The blank line is found (in C) before any regular expression runs, so a head trickling in a byte at a time costs
    # one find per arrival, not one match of everything so far.
    head_end = buf.find(b"\r\n\r\n", line_end)
    if 0 <= head_end and head_end + 4 - pos <= MAX_HEAD:
        head = _COMMON_HEAD.fullmatch(buf, pos, head_end + 4)
        if head is not None:
            method, target, minor = head.groups()
            return (method == b"GET", target, minor == b"1", 0, head_end + 4)
    return _parse_strictly(buf, pos, line_end)


def _parse_strictly(buf, pos, line_end):
    """parse() part by part, for the uncommon head: one with a header the contract acts on, or one to reject."""
    # Judge the request line as soon as it is complete, so garbage is rejected at once.
    line = buf[pos:line_end]
    sp1 = line.find(b" ")
    if sp1 <= 0 or not _TOKEN.fullmatch(line, 0, sp1):
        return Response.error(400, "malformed request line")
    sp2 = line.find(b" ", sp1 + 1)
    if sp2 < 0 or not _TARGET.fullmatch(line, sp1 + 1, sp2):
        return Response.error(400, "malformed request target")
    version = line[sp2 + 1:]
    if version == b"HTTP/1.1":
        keep_alive = True
    elif version == b"HTTP/1.0":
        keep_alive = False
    elif _HTTP_LIKE.fullmatch(version):
        return Response.error(505, "HTTP version not supported")
    else:
        return Response.error(400, "malformed HTTP version")

    head_end = buf.find(b"\r\n\r\n", line_end)
    if head_end < 0 or head_end + 4 - pos > MAX_HEAD:
        return _HEAD_TOO_LARGE if head_end >= 0 or len(buf) - pos >= MAX_HEAD else None

    content_length = 0
    seen_length = False
    if head_end > line_end:
        for field in buf[line_end + 2:head_end].split(b"\r\n"):
            colon = field.find(b":")
            if colon <= 0 or not _TOKEN.fullmatch(field, 0, colon):
                return Response.error(400, "malformed header line")
            value = field[colon + 1:].strip(b" \t")
            if not _VALUE.fullmatch(value):
                return Response.error(400, "invalid character in header value")
            name = field[:colon].lower()
            if name == b"content-length":
                length = int(value) if _INTEGER.fullmatch(value) else -1
                if length < 0 or (seen_length and length != content_length):
                    return Response.error(400, "invalid Content-Length")
                seen_length = True
                content_length = length
            elif name == b"transfer-encoding":
                return Response.error(501, "Transfer-Encoding is not supported")
            elif name == b"connection" and any(t.strip(b" \t").lower() == b"close" for t in value.split(b",")):
                keep_alive = False
    if content_length > MAX_BODY:
        return Response.error(413, "request body too large")
    return (line[:sp1] == b"GET", line[sp1 + 1:sp2], keep_alive, content_length, head_end + 4)


def sha256_chain(rounds, state=b"bench"):
    """N chained SHA-256 rounds from state; each round hashes the previous 32-byte digest."""
    sha = hashlib.sha256
    for _ in range(rounds):
        state = sha(state).digest()
    return state


class Stats:
    """What /info reports. Each Connection counts its own requests in a plain int that only its serving thread writes,
    so counting a request takes no lock and no call; the lock guards the set of open connections, which the threaded
    models change from many threads. A connection's thread is recorded when it opens (every model serves a connection
    on one thread from start to end), not again per request."""

    def __init__(self, model):
        self.model = model
        self.handler_threads = set()
        self._open = set()
        self._served_by_closed = 0
        self._lock = threading.Lock()

    def opened(self, conn):
        """Called on the thread that will serve conn."""
        with self._lock:
            self._open.add(conn)
            self.handler_threads.add(threading.get_ident())

    def closed(self, conn):
        with self._lock:
            if conn in self._open:
                self._open.discard(conn)
                self._served_by_closed += conn.served

    def info(self):
        with self._lock:
            open_connections = len(self._open)
            served = self._served_by_closed + sum(c.served for c in self._open)
        try:
            threads = len(os.listdir("/proc/self/task"))
        except OSError:
            threads = threading.active_count()
        body = json.dumps({
            "model": self.model, "pid": os.getpid(), "osThreads": threads, "openConnections": open_connections,
            "requestsServed": served, "handlerThreads": len(self.handler_threads),
        }, separators=(",", ":")).encode()
        return Response(200, body, is_json=True)


class Connection:
    """One connection's HTTP/1.1 state: received() bytes, next() steps, complete() answers, take_output() bytes, and
    answer() for the common case in one call. `deadline` is the monotonic time by which the pending request head must
    be complete (None while a request runs); `served` counts this connection's requests (Stats sums them)."""

    __slots__ = ("stats", "timeout", "buf", "pos", "skip", "keep_alive", "closing", "out", "deadline", "handle",
                 "served")

    def __init__(self, stats, timeout):
        self.stats = stats
        self.timeout = timeout
        self.buf = b""
        self.pos = 0
        self.skip = 0
        self.keep_alive = True
        self.closing = False
        self.out = []
        self.deadline = _monotonic() + timeout
        self.handle = None  # what the model closes when the deadline passes (a socket or a transport)
        self.served = 0

    def answer(self, data):
        """The whole common case in one call, for a connection at rest (nothing buffered, no body to skip, no answer
        pending): when data is exactly one complete keep-alive GET head, without a header the contract acts on, for a
        path whose answer is constant (/hello), the bytes to send, with the request counted and the next head's
        deadline set. None otherwise, and nothing changed: the model then takes the general path, received() and
        next(), which parses data again (a cost only the uncommon request pays).
        Every model tries this first: it skips the general path's half-dozen calls, tuples and buffer bookkeeping
        (measured alone: 0.55 µs a /hello against 1.2 µs through the general path; docs/targets-benchmark.md)."""
        if self.buf or self.skip or self.closing or len(data) > MAX_HEAD or not data.endswith(b"\r\n\r\n"):
            return None
        head = _COMMON_GET.fullmatch(data)  # one head only: a field value cannot hold the CR LF of a second one
        if head is None:
            return None
        response = _CONSTANT_GET.get(head[1])
        if response is None:
            return None
        self.served += 1
        self.deadline = _monotonic() + self.timeout
        return response.keep_bytes

    def received(self, data):
        if self.pos >= len(self.buf):
            self.buf = data
        else:
            self.buf = self.buf[self.pos:] + data
        self.pos = 0

    def take_output(self):
        out = self.out
        if not out:
            return b""
        self.out = []
        return out[0] if len(out) == 1 else b"".join(out)

    def next(self):
        """(NEED_DATA, None): flush, then receive; (WORK, work): carry it out, then complete(); (CLOSE, None)."""
        while True:
            if self.closing:
                return CLOSE, None
            buf = self.buf
            pos = self.pos
            if self.skip:
                n = min(self.skip, len(buf) - pos)
                pos += n
                self.pos = pos
                self.skip -= n
                if self.skip:
                    self.buf = b""
                    self.pos = 0
                    return NEED_DATA, None
            if pos >= len(buf):
                self.buf = b""
                self.pos = 0
                if self.deadline is None:
                    self.deadline = _monotonic() + self.timeout
                return NEED_DATA, None
            head = parse(buf, pos)
            if head is None:
                if self.deadline is None:
                    self.deadline = _monotonic() + self.timeout
                return NEED_DATA, None
            if head.__class__ is Response:
                self.keep_alive = False
                self.complete(head)
                continue
            is_get, target, self.keep_alive, self.skip, self.pos = head
            self.deadline = None
            self.served += 1
            work = route(is_get, target)
            if work.__class__ is Response:
                self.complete(work)
            elif work is _INFO:
                self.complete(self.stats.info())
            else:
                return WORK, work

    def complete(self, response):
        """Queues the response to the current request."""
        if self.keep_alive and not response.close:
            self.out.append(response.keep_bytes)
        else:
            self.out.append(response.close_bytes)
            self.closing = True


class ErrorLog:
    """Connection errors to stderr, at most 5 lines a second, so bad clients cannot make logging the bottleneck."""

    def __init__(self, per_second=5):
        self._per_second = per_second
        self._lock = threading.Lock()
        self._window = 0.0
        self._lines = 0
        self._suppressed = 0

    def write(self, message):
        with self._lock:
            now = time.monotonic()
            if now - self._window >= 1.0:
                if self._suppressed:
                    sys.stderr.write(f"({self._suppressed} more connection errors suppressed)\n")
                self._window, self._lines, self._suppressed = now, 0, 0
            self._lines += 1
            if self._lines <= self._per_second:
                sys.stderr.write(message + "\n")
                sys.stderr.flush()
            else:
                self._suppressed += 1


def watchdog_period(timeout):
    """How often the header-timeout watchdog looks: a quarter of the timeout, 50 ms to 1 s (as the C# servers)."""
    return min(max(timeout / 4, 0.05), 1.0)
