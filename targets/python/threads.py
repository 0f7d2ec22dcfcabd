"""py-threads: a new OS thread per connection, blocking I/O (the GIL lets one of them run Python at a time)."""

import threading

from blocking import accept_forever, serve_connection


def run(listener, stats, timeout, log):
    accept_forever(listener, stats, timeout, log, _serve_on_a_thread)


def _serve_on_a_thread(registry, sock):
    threading.Thread(target=serve_connection, args=(registry, sock), daemon=True).start()
