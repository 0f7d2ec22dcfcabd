"""py-sync: one thread serves one connection until it closes, then accepts the next (keep-alive included)."""

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
        serve_connection(registry, sock)
