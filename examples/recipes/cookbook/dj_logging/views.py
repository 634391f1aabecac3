# --8<-- [start:view]
import logging

from django.http import JsonResponse

logger = logging.getLogger(__name__)  # "cookbook.dj_logging.views": under the "cookbook" logger


def ping(request):
    logger.info("ping from %s", request.META.get("REMOTE_ADDR"))
    logger.debug("only shown when the level is DEBUG")
    return JsonResponse({"ok": True})
# --8<-- [end:view]
