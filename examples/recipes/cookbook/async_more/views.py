"""Async views for docs/howto/async.md#async-request-user and
docs/troubleshooting/async.md#async-streaming-iterator."""
import asyncio

from django.http import JsonResponse, StreamingHttpResponse


# --8<-- [start:auser]
async def whoami(request):
    user = await request.auser()          # Django 5.0+: loads the user without blocking the loop
    if not user.is_authenticated:
        return JsonResponse({"user": None}, status=401)
    return JsonResponse({"user": user.get_username()})
# --8<-- [end:auser]


async def whoami_broken(request):
    # request.user is lazy: touching it runs a session and a user query, synchronously.
    return JsonResponse({"logged_in": request.user.is_authenticated})


ROWS = [("Backend developer", "Addis Ababa"), ("Data engineer", "Nairobi")]


def csv_lines():                           # a plain generator: a synchronous iterator
    yield "title,city\n"
    for title, city in ROWS:
        yield f"{title},{city}\n"


async def export_sync_generator(request):
    return StreamingHttpResponse(csv_lines(), content_type="text/csv")


# --8<-- [start:stream-right]
async def acsv_lines():                    # an async generator: an asynchronous iterator
    yield "title,city\n"
    for title, city in ROWS:
        await asyncio.sleep(0)             # real code awaits here: a query, a file, an API
        yield f"{title},{city}\n"


async def export_async_generator(request):
    return StreamingHttpResponse(acsv_lines(), content_type="text/csv")
# --8<-- [end:stream-right]


def export_for_wsgi(request):
    # The opposite mistake: an async generator served by a WSGI server (runserver, Gunicorn).
    return StreamingHttpResponse(acsv_lines(), content_type="text/csv")
