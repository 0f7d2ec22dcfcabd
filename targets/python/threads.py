"""py-threads: a new OS thread per connection, blocking I/O (the GIL lets one of them run Python at a time)."""

import threading
import time

from blocking import Registry, serve_connection


def run(listener, stats, timeout, log):
    registry = Registry(stats, timeout, log)
    while True:
        try:
            sock, _ = listener.accept()
        except OSError as error:
            log.write(f"accept: {error}")
            time.sleep(0.01)  # out of descriptors, say: retry without spinning
            continue
        threading.Thread(target=serve_connection, args=(registry, sock), daemon=True).start()
