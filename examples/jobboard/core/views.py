"""Health check and a plain-Django 404 handler in the API error format."""
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.http import require_GET

from .errors import error_response


@require_GET
def live(request):
    """Liveness probe: 200 whenever the process answers. It touches no other service, so a
    database outage makes pods unready (see `health`) instead of restarting all of them."""
    return JsonResponse({"status": "ok"})


@require_GET
def health(request):
    """Readiness probe: 200 when the process runs and the database answers."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001 - any database failure means "not ready"
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def not_found(request, exception=None):
    return error_response(404, "not_found", "Not found.", {"path": request.path})


def server_error(request):
    return error_response(500, "server_error", "Something went wrong on our side.")
