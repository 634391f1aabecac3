"""A @contextmanager whose cleanup is not in a finally block."""

from contextlib import contextmanager


@contextmanager
def tracked(name: str):
    print("enter", name)
    yield
    print("exit", name)  # no try/finally around the yield


try:
    with tracked("job"):
        raise ValueError("boom")
except ValueError as exc:
    print("caught", exc)
