"""Tests for decorators.py: wraps, retry with a flaky function, stacking."""

import logging

import pytest

import decorators
from decorators import CountCalls, greet, retry, slow_add, tag, timed


def test_timed_keeps_metadata_and_logs(caplog):
    caplog.set_level(logging.INFO, logger="decorators")
    assert slow_add(2, 3) == 5
    assert slow_add.__name__ == "slow_add"
    assert slow_add.__doc__ == "Add two numbers, slowly."
    assert slow_add.__wrapped__(1, 1) == 2  # wraps also exposes the original
    assert any("slow_add took" in message for message in caplog.messages)


def test_timed_logs_even_when_the_function_raises(caplog):
    caplog.set_level(logging.INFO, logger="decorators")

    @timed
    def broken():
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        broken()
    assert any("broken took" in message for message in caplog.messages)


@pytest.fixture
def sleeps(monkeypatch):
    """Record retry waits instead of really sleeping."""
    recorded = []
    monkeypatch.setattr(decorators.time, "sleep", recorded.append)
    return recorded


# --8<-- [start:test-retry-flaky]
def test_retry_succeeds_after_transient_failures(sleeps):
    calls = []

    @retry(times=3, delay=0.1, backoff=2)
    def flaky():
        calls.append(1)
        if len(calls) < 3:
            raise ConnectionError("temporary")
        return "ok"

    assert flaky() == "ok"
    assert len(calls) == 3
    assert sleeps == [0.1, 0.2]  # exponential backoff between attempts


def test_retry_gives_up_and_reraises(sleeps):
    calls = []

    @retry(times=2, delay=0)
    def always_down():
        calls.append(1)
        raise TimeoutError("still down")

    with pytest.raises(TimeoutError, match="still down"):
        always_down()
    assert len(calls) == 2
# --8<-- [end:test-retry-flaky]


def test_retry_does_not_retry_other_exceptions(sleeps):
    calls = []

    @retry(times=5, exceptions=(ConnectionError,))
    def bad_input():
        calls.append(1)
        raise ValueError("not transient")

    with pytest.raises(ValueError):
        bad_input()
    assert len(calls) == 1
    assert sleeps == []


def test_retry_keeps_metadata_and_validates_times():
    @retry()
    def documented():
        """Docs."""

    assert documented.__name__ == "documented"
    assert documented.__doc__ == "Docs."
    with pytest.raises(ValueError):
        retry(times=0)


def test_stacking_order():
    assert greet("Sam") == "<b><i>Hello, Sam</i></b>"  # bottom decorator wraps first
    assert tag("p")(lambda: "x")() == "<p>x</p>"


def test_class_based_decorator_counts_calls():
    @CountCalls
    def hello():
        """Say hello."""
        return "hello"

    assert hello.__name__ == "hello"
    assert hello.__doc__ == "Say hello."
    hello()
    hello()
    assert hello.calls == 2
    before = greet.calls
    greet("Sam")
    assert greet.calls == before + 1
