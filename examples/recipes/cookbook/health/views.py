"""Two health endpoints for Kubernetes probes and load balancers (docs/howto/kubernetes.md)."""
# --8<-- [start:views]
from django.db import DatabaseError, connection
from django.http import JsonResponse


def live(request):
    """Liveness: the process answers. Checks nothing else, so a database outage restarts nothing."""
    return JsonResponse({"status": "ok"})


def ready(request):
    """Readiness: this pod can serve requests now, which needs the database."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "down"}, status=503)
    return JsonResponse({"status": "ok", "database": "up"})
# --8<-- [end:views]
