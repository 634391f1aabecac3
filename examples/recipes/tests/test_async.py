"""Async view recipes (docs/howto/async.md), driven by Django's AsyncClient."""
import asyncio
import time

import httpx
import catalogue   # examples/errors (pytest.ini's pythonpath)
import pytest
from asgiref.sync import async_to_sync, sync_to_async
from django.contrib.auth.models import User
from django.core.exceptions import SynchronousOnlyOperation
from django.test import AsyncClient, Client

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


# --- docs/howto/async.md#async-httpx ----------------------------------------------------------
@pytest.fixture
def rates_api(monkeypatch):
    """A small rates API on 127.0.0.1 that keeps connections open, like a real one."""
    import json
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    class Rates(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self):
            body = json.dumps({"rate": {"/ETB": 1, "/USD": 57}[self.path]}).encode()
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Rates)
    server.handle_error = lambda request, address: None   # a client that drops a connection is fine
    threading.Thread(target=server.serve_forever, daemon=True).start()
    monkeypatch.setattr(views, "RATES_API", f"http://127.0.0.1:{server.server_port}")
    monkeypatch.setattr(views, "shared_client", None)
    yield
    server.shutdown()
    server.server_close()


def test_httpx_in_an_async_view(rates_api):
    async_to_sync(_httpx_in_an_async_view)()


async def _httpx_in_an_async_view():
    response = await AsyncClient().get("/async_views/rates/")
    assert response.status_code == 200 and response.json() == {"ETB": 1, "USD": 57}


def test_httpx_errors_become_502_and_504(monkeypatch):
    def client_with(handler):
        return lambda: httpx.AsyncClient(base_url=views.RATES_API, transport=httpx.MockTransport(handler))

    def too_slow(request):
        raise httpx.ReadTimeout("timed out", request=request)
    monkeypatch.setattr(views, "rates_client", client_with(too_slow))
    assert async_to_sync(AsyncClient().get)("/async_views/rates/").status_code == 504

    monkeypatch.setattr(views, "rates_client", client_with(lambda request: httpx.Response(500)))
    assert async_to_sync(AsyncClient().get)("/async_views/rates/").status_code == 502


def test_shared_async_client_breaks_under_wsgi(rates_api):
    # Under WSGI (runserver, gunicorn sync workers) each async view runs in its own event loop.
    # The per-request client works on every request...
    client = Client()
    assert [client.get("/async_views/rates/").status_code for _ in range(3)] == [200, 200, 200]
    # ...a client kept between requests holds a connection of a loop that is now closed.
    assert client.get("/async_views/rates/shared/").status_code == 200
    with pytest.raises(RuntimeError) as raised:
        client.get("/async_views/rates/shared/")
    errors = catalogue   # docs/troubleshooting/async.md#async-event-loop-closed
    errors.assert_reproduces(errors.printed(raised.value), "async/event-loop-closed")



# --- docs/howto/async.md#async-semaphore ------------------------------------------------------
def test_semaphore_limits_calls_in_flight(monkeypatch):
    in_flight, peak = 0, 0

    async def slow_api(request):
        nonlocal in_flight, peak
        in_flight += 1
        peak = max(peak, in_flight)
        await asyncio.sleep(0.01)
        in_flight -= 1
        return httpx.Response(200)

    real_client = httpx.AsyncClient
    monkeypatch.setattr(views.httpx, "AsyncClient",
                        lambda **kwargs: real_client(transport=httpx.MockTransport(slow_api), **kwargs))
    urls = [f"https://jobs.example.com/{n}" for n in range(200)]
    statuses = asyncio.run(views.fetch_all(urls, limit=10))
    assert statuses == [200] * 200                     # every call ran, results in order
    assert peak == 10                                  # never more than 10 at once
