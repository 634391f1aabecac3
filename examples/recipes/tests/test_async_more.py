"""More async recipes and errors: request.auser() in an async view, StreamingHttpResponse under
ASGI and WSGI, and a websocket sent to Django's own ASGI handler. The ASGI tests call
django.core.handlers.asgi.ASGIHandler the way Uvicorn or Daphne does: scope, receive, send."""
import asyncio
import warnings

import catalogue   # examples/errors (pytest.ini's pythonpath)
import pytest
from asgiref.sync import async_to_sync
from django.contrib.auth.models import User
from django.core.exceptions import SynchronousOnlyOperation
from django.core.handlers.asgi import ASGIHandler
from django.test import AsyncClient, Client

pytestmark = pytest.mark.django_db(transaction=True)


# --- docs/howto/async.md#async-request-user ---------------------------------------------------
def test_auser_in_an_async_view():
    async_to_sync(_auser_in_an_async_view)()


async def _auser_in_an_async_view():
    client = AsyncClient()
    assert (await client.get("/async_more/whoami/")).status_code == 401
    user = await User.objects.acreate(username="sara")
    await client.aforce_login(user)
    response = await client.get("/async_more/whoami/")
    assert response.status_code == 200 and response.json() == {"user": "sara"}


def test_request_user_in_an_async_view_raises():
    async_to_sync(_request_user_in_an_async_view_raises)()


async def _request_user_in_an_async_view_raises():
    client = AsyncClient(raise_request_exception=True)
    await client.aforce_login(await User.objects.acreate(username="abebe"))
    with pytest.raises(SynchronousOnlyOperation, match="use a thread or sync_to_async"):
        await client.get("/async_more/whoami/broken/")


# --- docs/troubleshooting/async.md: ASGI handler --------------------------------------------
async def serve(scope):
    """Run Django's ASGI app for one connection and return the messages it sent."""
    sent = []
    requests = [{"type": "http.request", "body": b"", "more_body": False}]

    async def receive():
        if requests:
            return requests.pop(0)
        await asyncio.Event().wait()               # the client stays connected until the end

    async def send(message):
        sent.append(message)

    await ASGIHandler()(scope, receive, send)
    return sent


def http_scope(path):
    return {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET",
            "scheme": "http", "path": path, "raw_path": path.encode(), "query_string": b"",
            "root_path": "", "headers": [(b"host", b"testserver")], "client": ("127.0.0.1", 5000),
            "server": ("testserver", 80)}


def body(sent):
    return b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")


def test_streaming_sync_iterator_under_asgi_and_async_under_wsgi():
    # Under ASGI (Django's ASGIHandler, as Uvicorn runs it), a plain generator is buffered.
    with pytest.warns(Warning) as caught:
        sent = async_to_sync(serve)(http_scope("/async_more/export/sync/"))
    assert body(sent).startswith(b"title,city\n")       # it still answers, but buffered
    printed = "\n".join(f"{w.category.__name__}: {w.message}" for w in caught)
    catalogue.assert_reproduces(printed, "async/streaming-sync-iterator")
    with warnings.catch_warnings():                       # the fix: an async generator, no warning
        warnings.simplefilter("error")
        sent = async_to_sync(serve)(http_scope("/async_more/export/"))
    assert body(sent) == b"title,city\nBackend developer,Addis Ababa\nData engineer,Nairobi\n"
    # Under WSGI (the sync test client, like Gunicorn), an async generator is buffered.
    with pytest.warns(Warning) as caught:
        response = Client().get("/async_more/export/wsgi/")
        content = b"".join(response)              # what a WSGI server does: iter(response)
    assert content.startswith(b"title,city\n")
    printed = "\n".join(f"{w.category.__name__}: {w.message}" for w in caught)
    catalogue.assert_reproduces(printed, "async/streaming-async-iterator")


def test_websocket_sent_to_djangos_asgi_handler():
    # asgi.py exports get_asgi_application() alone, with no Channels ProtocolTypeRouter in front.
    scope = dict(http_scope("/ws/chat/lobby/"), type="websocket")
    with pytest.raises(ValueError) as error:
        async_to_sync(serve)(scope)
    catalogue.assert_reproduces(catalogue.printed(error.value), "async/django-only-http")
