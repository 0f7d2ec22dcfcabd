"""py-uvloop-protocol: the asyncio Protocol model of asyncio_protocol.py, on uvloop's event loop (libuv)."""

import asyncio_protocol


def run(listener, stats, timeout, log, ready):
    import uvloop  # Debian's python3-uvloop; serve.py reports its absence in one line before getting here

    asyncio_protocol.run(listener, stats, timeout, log, ready, loop_factory=uvloop.new_event_loop)
