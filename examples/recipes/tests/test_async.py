"""Async view recipes (docs/howto/async.md), driven by Django's AsyncClient."""
import time

import pytest
from asgiref.sync import async_to_sync, sync_to_async
from django.contrib.auth.models import User
from django.core.exceptions import SynchronousOnlyOperation
from django.test import AsyncClient

from cookbook.async_views import views

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def users():
    User.objects.create_user("abebe", is_staff=True)
    User.objects.create_user("sara")


# --- docs/howto/async.md#async-orm ------------------------------------------------------------
def test_async_orm_in_an_async_view(users):
    async_to_sync(_async_orm_in_an_async_view)()


async def _async_orm_in_an_async_view():
    response = await AsyncClient().get("/async_views/users/sara/")
    assert response.status_code == 200
    assert response.json() == {"username": "sara", "staff": ["abebe"]}
    assert (await AsyncClient().get("/async_views/users/nobody/")).status_code == 404


def test_sync_orm_in_async_code_raises(users):
    async_to_sync(_sync_orm_in_async_code_raises)()


async def _sync_orm_in_async_code_raises():
    with pytest.raises(SynchronousOnlyOperation, match="use a thread or sync_to_async"):
        await views.broken_sync_call_in_async_view()()


def test_transaction_through_sync_to_async(users):
    async_to_sync(_transaction_through_sync_to_async)()


async def _transaction_through_sync_to_async():
    response = await AsyncClient().get("/async_views/users/sara/rename/", {"to": "sara2"})
    assert response.json() == {"username": "sara2"}
    assert await sync_to_async(User.objects.filter(username="sara2").exists)()


# --- docs/howto/async.md#async-concurrent-calls -----------------------------------------------
@pytest.fixture
def spans(monkeypatch):
    """Record when each slow call of the views starts and ends (the views look them up at call time)."""
    recorded = []
    real_api, real_sdk = views.fake_api, views.slow_sdk_call

    async def timed_api(name, seconds):
        started = time.monotonic()
        try:
            return await real_api(name, seconds)
        finally:
            recorded.append((started, time.monotonic()))

    def timed_sdk(seconds):
        started = time.monotonic()
        try:
            return real_sdk(seconds)
        finally:
            recorded.append((started, time.monotonic()))

    monkeypatch.setattr(views, "fake_api", timed_api)
    monkeypatch.setattr(views, "slow_sdk_call", timed_sdk)
    return recorded


def overlapped(spans):
    """True if every call started before any of them ended: they ran at the same time."""
    return max(start for start, _ in spans) < min(end for _, end in spans)


def test_gather_waits_for_the_slowest_not_the_sum(spans):
    async_to_sync(_gather_waits_for_the_slowest_not_the_sum)()
    assert len(spans) == 3 and overlapped(spans)      # three 0.5 s waits, side by side


async def _gather_waits_for_the_slowest_not_the_sum():
    response = await AsyncClient().get("/async_views/dashboard/")
    assert response.json() == {"weather": "ok", "news": "ok", "rates": "ok"}


def test_timeout_returns_504(monkeypatch):
    async_to_sync(_timeout_returns_504)(monkeypatch)


async def _timeout_returns_504(monkeypatch):
    real = views.fake_api

    async def slow_api(name, seconds):
        return await real(name, 5)
    monkeypatch.setattr(views, "fake_api", slow_api)
    monkeypatch.setattr(views, "UPSTREAM_TIMEOUT", 0.2)
    assert (await AsyncClient().get("/async_views/dashboard/")).status_code == 504


def test_blocking_call_blocks_and_to_thread_does_not(spans):
    async_to_sync(AsyncClient().get)("/async_views/blocking/")
    (_, end_0), (start_1, _) = spans
    assert start_1 >= end_0                  # time.sleep() in async def: one after the other
    spans.clear()
    async_to_sync(AsyncClient().get)("/async_views/threaded/")
    assert len(spans) == 2 and overlapped(spans)      # asyncio.to_thread: both at once
