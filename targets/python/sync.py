"""py-sync: one thread serves one connection until it closes, then accepts the next (keep-alive included)."""

from blocking import accept_forever, serve_connection


def run(listener, stats, timeout, log):
    accept_forever(listener, stats, timeout, log, serve_connection)
