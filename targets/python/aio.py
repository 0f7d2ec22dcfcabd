"""What the asyncio models share: the header-timeout watchdog on the loop, and errors into the rate-limited log."""

import time

from contract import watchdog_period


class Registry:
    """The open connections, and one periodic loop callback for all of them: a connection whose request head is not
    complete within the header timeout has its transport aborted (one timer instead of one per request)."""

    def __init__(self, loop, stats, timeout, log):
        self.loop = loop
        self.stats = stats
        self.timeout = timeout
        self.log = log
        self.open = set()
        self._period = watchdog_period(timeout)
        loop.call_later(self._period, self._watch)
        loop.set_exception_handler(self._exception)

    def add(self, conn):
        self.open.add(conn)
        self.stats.opened(conn)

    def remove(self, conn):
        if conn in self.open:
            self.open.discard(conn)
            self.stats.closed(conn)

    def _watch(self):
        self.loop.call_later(self._period, self._watch)
        now = time.monotonic()
        for conn in [c for c in self.open if c.deadline is not None and now > c.deadline]:
            conn.deadline = float("inf")
            transport = conn.handle
            peer = transport.get_extra_info("peername")
            where = f"{peer[0]}:{peer[1]}" if peer else "?"
            self.log.write(f"closing connection from {where}: request head not complete within {self.timeout:g} s")
            transport.abort()

    def _exception(self, loop, context):
        error = context.get("exception")
        self.log.write(f"{context.get('message', 'error')}: {type(error).__name__}: {error}" if error
                       else context.get("message", "error"))
