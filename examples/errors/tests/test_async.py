"""asyncio errors from docs/troubleshooting/async.md, triggered for real.

Each test writes a small script, runs it in a fresh interpreter (warnings that asyncio prints
when objects are cleaned up only show at exit) and checks that the quoted text
(examples/errors/async/*.txt) is in what it printed. No network: the HTTP test talks to a
server on 127.0.0.1 that the script starts itself.
"""
import subprocess
import sys
from pathlib import Path

from catalogue import assert_reproduces
from catalogue import run_script as run


def test_coroutine_never_awaited(tmp_path):
    # Calling an async function without await only builds a coroutine object; its body never runs.
    code, output = run(tmp_path, """
        async def fetch_jobs():
            print("fetching")
            return ["Backend developer"]

        def refresh():
            fetch_jobs()

        refresh()
        """)
    assert code == 0 and "fetching" not in output     # a warning, not an error, and nothing ran
    assert_reproduces(output, "async/coroutine-never-awaited")


def test_coroutine_not_subscriptable(tmp_path):
    # `await f()["title"]` indexes the coroutine first; the fix awaits first, then indexes.
    script = Path(__file__).resolve().parents[1] / "async" / "await_precedence.py"
    wrong = subprocess.run([sys.executable, str(script), "wrong"], stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, text=True, timeout=60)
    assert wrong.returncode != 0
    assert_reproduces(wrong.stdout, "async/coroutine-not-subscriptable")
    right = subprocess.run([sys.executable, str(script), "right"], stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, text=True, timeout=60)
    assert right.returncode == 0 and right.stdout == "Backend developer\n"


def test_await_outside_function(tmp_path):
    # Top-level await works in a notebook cell, not in a .py file; await in a plain def never works.
    code, output = run(tmp_path, """
        async def get_job():
            return 1

        job = await get_job()
        """)
    assert code != 0
    assert_reproduces(output, "async/await-outside-function")
    code, output = run(tmp_path, """
        async def get_job():
            return 1

        def job_view():
            return await get_job()
        """)
    assert code != 0
    assert_reproduces(output, "async/await-outside-async-function")


def test_no_running_event_loop(tmp_path):
    # create_task() needs a running loop; plain sync code has none.
    code, output = run(tmp_path, """
        import asyncio

        async def warm_cache():
            await asyncio.sleep(1)

        def on_startup():
            asyncio.create_task(warm_cache())

        on_startup()
        """)
    assert code != 0
    assert_reproduces(output, "async/no-running-event-loop")


def test_event_loop_already_running(tmp_path):
    # Three ways to start a loop from code that already runs on one.
    for body, name in [
        ("asyncio.get_running_loop().run_until_complete(inner())", "async/event-loop-already-running"),
        ("asyncio.run(inner())", "async/asyncio-run-running-loop"),
        ("asyncio.new_event_loop().run_until_complete(inner())", "async/another-loop-running"),
    ]:
        code, output = run(tmp_path, f"""
            import asyncio

            async def inner():
                return 1

            async def main():
                return {body}

            asyncio.run(main())
            """)
        assert code != 0
        assert_reproduces(output, name)


def test_event_loop_closed(tmp_path):
    # One httpx.AsyncClient shared by two asyncio.run() calls: its kept-alive connection belongs to
    # the first loop, which asyncio.run() closed.
    code, output = run(tmp_path, """
        import asyncio, threading
        from http.server import BaseHTTPRequestHandler, HTTPServer

        import httpx

        class Rates(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"          # keep the connection open, like real APIs

            def do_GET(self):
                body = b'{"ETB": 1}'
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        server = HTTPServer(("127.0.0.1", 0), Rates)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        URL = f"http://127.0.0.1:{server.server_port}/"

        client = httpx.AsyncClient()               # created once, at import time

        async def rates():
            return (await client.get(URL)).json()

        print(asyncio.run(rates()))                # works
        print(asyncio.run(rates()))                # a second loop: fails
        """)
    assert code != 0 and output.startswith("{'ETB': 1}\n")
    assert_reproduces(output, "async/event-loop-closed")


def test_future_attached_to_a_different_loop(tmp_path):
    # A future made on one loop, awaited on another; and a Lock first used on another loop.
    code, output = run(tmp_path, """
        import asyncio

        other_loop = asyncio.new_event_loop()
        reply = other_loop.create_future()

        async def main():
            await reply

        asyncio.run(main())
        """)
    assert code != 0
    assert_reproduces(output, "async/future-different-loop")
    code, output = run(tmp_path, """
        import asyncio

        lock = asyncio.Lock()                      # module level: shared by every loop

        async def use():
            async with lock:
                await asyncio.sleep(0.05)

        async def main():
            await asyncio.gather(use(), use())

        asyncio.run(main())
        asyncio.run(main())                        # the lock still belongs to the first loop
        """)
    assert code != 0
    assert_reproduces(output, "async/bound-to-different-loop")


def test_task_destroyed_but_pending(tmp_path):
    # The loop is closed while a task still waits; nothing cancelled it first.
    code, output = run(tmp_path, """
        import asyncio

        async def send_reminders():
            await asyncio.sleep(60)

        async def main():
            asyncio.create_task(send_reminders())
            await asyncio.sleep(0)

        loop = asyncio.new_event_loop()
        loop.run_until_complete(main())
        loop.close()
        """)
    assert_reproduces(output, "async/task-destroyed-pending")
    # asyncio.run() cancels the tasks that are left and waits for them: no message.
    code, output = run(tmp_path, """
        import asyncio

        async def send_reminders():
            await asyncio.sleep(60)

        async def main():
            asyncio.create_task(send_reminders())
            await asyncio.sleep(0)

        asyncio.run(main())
        """)
    assert code == 0 and output == ""


def test_task_exception_never_retrieved(tmp_path):
    # A task fails and nobody awaits it: the exception only shows up as a log line, later.
    code, output = run(tmp_path, """
        import asyncio

        async def notify(job_id):
            raise ValueError(f"no job {job_id}")

        async def main():
            asyncio.create_task(notify(42))
            await asyncio.sleep(0.1)
            print("request finished")

        asyncio.run(main())
        """)
    assert code == 0 and "request finished" in output     # the program did not fail
    assert "ValueError: no job 42" in output
    assert_reproduces(output, "async/task-exception-never-retrieved")


def test_taskgroup_unhandled_errors(tmp_path):
    # One task of a TaskGroup fails: the others are cancelled and the error comes out wrapped.
    code, output = run(tmp_path, """
        import asyncio

        async def fetch(name, delay):
            if delay < 0:
                raise ValueError(f"{name} is down")
            await asyncio.sleep(delay)
            return name

        async def main():
            async with asyncio.TaskGroup() as group:
                group.create_task(fetch("users", 0.05))
                group.create_task(fetch("jobs", -1))

        try:
            asyncio.run(main())
        except ValueError:
            print("caught by except ValueError")   # never printed: the group is not a ValueError
            raise
        """)
    assert code == 1 and "caught by except ValueError" not in output
    assert_reproduces(output, "async/taskgroup-unhandled-errors")
    assert "ValueError: jobs is down" in output   # the real error is inside the group's traceback
