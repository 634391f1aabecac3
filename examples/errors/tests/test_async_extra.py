"""More asyncio errors from docs/troubleshooting/async.md, triggered for real in a fresh
interpreter, as in test_async.py."""

from catalogue import assert_reproduces
from catalogue import run_script as run


def test_coroutine_was_expected(tmp_path):
    # asyncio.run() takes a coroutine object: not the function, not a future from gather().
    code, output = run(tmp_path, """
        import asyncio

        async def fetch(name):
            return name

        asyncio.run(asyncio.gather(fetch("users"), fetch("jobs")))
        """)
    assert code != 0
    assert_reproduces(output, "async/coroutine-expected")
    code, output = run(tmp_path, """
        import asyncio

        async def main():
            return 1

        asyncio.run(main)
        """)
    assert code != 0 and "ValueError: a coroutine was expected, got <function main at" in output
    code, output = run(tmp_path, """
        import asyncio

        async def fetch(name):
            return name

        async def main():
            return await asyncio.gather(fetch("users"), fetch("jobs"))

        print(asyncio.run(main()))
        """)
    assert code == 0 and output == "['users', 'jobs']\n"


def test_async_for_over_the_wrong_kind_of_iterator(tmp_path):
    for source, name in [
        ("def rows():\n    yield 1\n", "async/async-for-generator"),
        ("async def rows():\n    return [1]\n", "async/async-for-coroutine"),
    ]:
        code, output = run(tmp_path, source + """
import asyncio

async def main():
    async for row in rows():
        print(row)

asyncio.run(main())
""")
        assert code != 0
        assert_reproduces(output, name)
    # The opposite: a plain `for` over an async generator.
    code, output = run(tmp_path, """
        import asyncio

        async def rows():
            yield 1

        async def main():
            for row in rows():
                print(row)

        asyncio.run(main())
        """)
    assert code != 0
    assert_reproduces(output, "async/async-generator-not-iterable")


def test_awaiting_something_that_is_not_awaitable(tmp_path):
    code, output = run(tmp_path, """
        import asyncio

        class Translator:
            def close(self):               # a plain def: returns None
                pass

        async def main():
            await Translator().close()

        asyncio.run(main())
        """)
    assert code != 0
    assert_reproduces(output, "async/nonetype-await")
