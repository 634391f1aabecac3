"""An async Django view: counts for a dashboard, queried concurrently."""
import asyncio

from django.http import JsonResponse

from core.errors import error_response

from .models import Application, Company, Job


# --8<-- [start:async-view]
async def job_stats(request):
    """GET /api/stats/ - three counts awaited together with asyncio.gather.

    Only under ASGI (uvicorn, daphne) is the worker free to serve other requests
    while this one waits. Under WSGI (gunicorn's sync workers, runserver) Django
    runs the view in a one-off event loop: it works, but the request holds its
    worker. Today Django's async
    ORM methods such as acount() run the sync query in a worker thread
    (sync_to_async), so the win is the event loop staying free, not parallel SQL.
    """
    if request.method != "GET":
        return error_response(405, "method_not_allowed", f'Method "{request.method}" not allowed.')
    open_jobs, companies, applications = await asyncio.gather(
        Job.objects.filter(status=Job.Status.OPEN).acount(),
        Company.objects.acount(),
        Application.objects.acount(),
    )
    return JsonResponse(
        {"open_jobs": open_jobs, "companies": companies, "applications": applications}
    )
# --8<-- [end:async-view]
