"""What one suspension costs in each style (docs/targets-benchmark.md): the bare switch (a callback, a generator resume,
a coroutine resumed through an await), then a whole "give the others a turn" through a loop (selector_loop for
callbacks and generators, asyncio for await). Run pinned: taskset -c 0 python3 scripts/python-switch.py"""
import asyncio, os, sys, timeit
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "targets", "python"))
from selector_loop import Loop
from contract import ErrorLog

N = 200_000
def best(f, reps=7):
    return min(timeit.repeat(f, number=1, repeat=reps)) / N * 1e9

# bare mechanisms
class C:
    def cb(self): pass
c = C(); m = c.cb
def bare_callback():
    for _ in range(N): m()
def gen():
    while True: yield 1
g = gen(); nx = g.__next__
def bare_generator():
    for _ in range(N): nx()
class Aw:
    def __await__(self):
        yield self
aw = Aw()
async def coro():
    while True: await aw
co = coro(); send = co.send; send(None)
def bare_coroutine():
    for _ in range(N): send(None)

# through our loop: call_soon round trip
def loop_callback():
    loop = Loop(ErrorLog()); left = [N]
    def step():
        left[0] -= 1
        if left[0]: loop.call_soon(step)
        else: loop.stop()
    loop.call_soon(step); loop.run()
def loop_generator():
    loop = Loop(ErrorLog())
    def work():
        for _ in range(N): yield "turn"
    g = work(); nxt = g.__next__
    def resume():
        try: what = nxt()
        except StopIteration: loop.stop(); return
        if what == "turn": loop.call_soon(resume)
    loop.call_soon(resume); loop.run()
def asyncio_await():
    async def main():
        for _ in range(N): await asyncio.sleep(0)
    asyncio.run(main())
def asyncio_callback():
    loop = asyncio.new_event_loop(); left = [N]
    def step():
        left[0] -= 1
        if left[0]: loop.call_soon(step)
        else: loop.stop()
    loop.call_soon(step); loop.run_forever(); loop.close()

for name, f in [("bare callback (bound method call)", bare_callback), ("bare generator resume (next)", bare_generator),
                ("bare coroutine resume (send through await)", bare_coroutine),
                ("selector_loop: callback via call_soon", loop_callback),
                ("selector_loop: generator yield TURN", loop_generator),
                ("asyncio: call_soon callback", asyncio_callback), ("asyncio: await asyncio.sleep(0)", asyncio_await)]:
    print(f"{name:45s} {best(f, 7 if 'bare' in name else 5):7.0f} ns")
