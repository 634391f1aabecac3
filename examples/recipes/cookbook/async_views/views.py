"""Async views: the ORM from async code, and concurrent waits with a timeout."""
import asyncio
import time

import httpx
from asgiref.sync import sync_to_async
from django.contrib.auth.models import User
from django.db import transaction
from django.http import JsonResponse


# --8<-- [start:async-orm]
async def user_detail(request, username):
    # The a-prefixed methods are the async ORM: aget(), acount(), afirst() ...
    try:
        user = await User.objects.aget(username=username)
    except User.DoesNotExist:
        return JsonResponse({"error": "not found"}, status=404)
    # async for iterates a queryset without blocking the event loop.
    staff = [u.username async for u in User.objects.filter(is_staff=True).order_by("username")]
    return JsonResponse({"username": user.username, "staff": staff})


def rename_user(username, new_name):
    # Transactions don't work in async code yet: keep this part synchronous...
    with transaction.atomic():
        user = User.objects.select_for_update().get(username=username)
        user.username = new_name
        user.save()
    return user.username


async def rename(request, username):
    # ...and call it through sync_to_async, which runs it in a worker thread.
    new_name = await sync_to_async(rename_user)(username, request.GET["to"])
    return JsonResponse({"username": new_name})
# --8<-- [end:async-orm]


def broken_sync_call_in_async_view():
    async def view():
        return User.objects.get(username="abebe")   # sync ORM inside async code
    return view


# --8<-- [start:concurrent]
UPSTREAM_TIMEOUT = 2  # seconds


async def fake_api(name, seconds):
    """Stands in for an HTTP call made with an async client such as httpx.AsyncClient."""
    await asyncio.sleep(seconds)                      # never time.sleep() in async code
    return {name: "ok"}


async def dashboard(request):
    try:
        async with asyncio.timeout(UPSTREAM_TIMEOUT):  # Python 3.11+: cancel after 2 s
            weather, news, rates = await asyncio.gather(
                fake_api("weather", 0.5), fake_api("news", 0.5), fake_api("rates", 0.5),
            )
    except TimeoutError:
        return JsonResponse({"error": "upstream too slow"}, status=504)
    return JsonResponse({**weather, **news, **rates})  # about 0.5 s, not 1.5 s
# --8<-- [end:concurrent]


def slow_sdk_call(seconds):
    """A blocking call from a library that has no async version."""
    time.sleep(seconds)
    return "done"


# --8<-- [start:blocking]
async def blocking_dashboard(request):
    # Wrong: a blocking call inside async def stops the whole event loop.
    slow_sdk_call(0.5)
    slow_sdk_call(0.5)                                 # 1 s in total, nothing else runs
    return JsonResponse({"done": True})


async def threaded_dashboard(request):
    # Right: run the blocking calls in threads and await them together.
    await asyncio.gather(
        asyncio.to_thread(slow_sdk_call, 0.5), asyncio.to_thread(slow_sdk_call, 0.5),
    )                                                  # about 0.5 s
    return JsonResponse({"done": True})
# --8<-- [end:blocking]


# --8<-- [start:httpx]
RATES_API = "https://rates.example.com"


def rates_client():
    # A fresh client for each request: it belongs to the event loop that runs this view.
    return httpx.AsyncClient(base_url=RATES_API, timeout=5.0)


async def exchange_rates(request):
    try:
        async with rates_client() as client:
            etb, usd = await asyncio.gather(client.get("/ETB"), client.get("/USD"))
        etb.raise_for_status()
        usd.raise_for_status()
    except httpx.TimeoutException:
        return JsonResponse({"error": "rates API too slow"}, status=504)
    except httpx.HTTPError:                            # connection refused, 4xx/5xx...
        return JsonResponse({"error": "rates API unavailable"}, status=502)
    return JsonResponse({"ETB": etb.json()["rate"], "USD": usd.json()["rate"]})
# --8<-- [end:httpx]


shared_client = None


async def exchange_rates_shared_client(request):
    """Wrong: one AsyncClient for the whole process, reused by every request."""
    global shared_client
    if shared_client is None:
        shared_client = httpx.AsyncClient(base_url=RATES_API, timeout=5.0)
    response = await shared_client.get("/ETB")
    return JsonResponse({"ETB": response.json()["rate"]})


# --8<-- [start:semaphore]
async def fetch_all(urls, limit=10):
    """Fetch many URLs, at most `limit` at a time, on one shared client."""
    semaphore = asyncio.Semaphore(limit)               # created inside the running loop

    async def fetch(client, url):
        async with semaphore:                          # waits while `limit` calls are in flight
            response = await client.get(url)
            return response.status_code

    async with httpx.AsyncClient(timeout=5.0, limits=httpx.Limits(max_connections=limit)) as client:
        return await asyncio.gather(*(fetch(client, url) for url in urls))
# --8<-- [end:semaphore]
