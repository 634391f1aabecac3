"""One error shape for the whole API (docs/howto/drf.md#drf-error-envelope)."""
from django.conf import settings
from django.http import JsonResponse
from rest_framework import exceptions
from rest_framework.views import exception_handler


# --8<-- [start:error-envelope]
def envelope(code: str, message: str, details=None) -> dict:
    return {"error": {"code": code, "message": message, "details": details or {}}}


def api_exception_handler(exc, context):
    """REST_FRAMEWORK["EXCEPTION_HANDLER"]: every DRF error as {"error": {code, message, details}}."""
    response = exception_handler(exc, context)  # DRF's handler: status, headers, the detail
    if response is None:
        return None  # not an API error (a bug): Django's handler500 below answers 500
    if isinstance(exc, exceptions.ValidationError):
        details = response.data if isinstance(response.data, dict) else {"non_field_errors": response.data}
        response.data = envelope("invalid", "The request data is invalid.", details)
        # 400 is DRF's choice; set API_VALIDATION_STATUS = 422 if your API contract says 422.
        response.status_code = getattr(settings, "API_VALIDATION_STATUS", 400)
    else:
        if isinstance(exc, exceptions.APIException):
            codes = exc.get_codes()
            code = codes if isinstance(codes, str) else exc.default_code
        else:  # Django's Http404 and PermissionDenied, which DRF's handler turns into responses
            code = "not_found" if response.status_code == 404 else "permission_denied"
        response.data = envelope(code, str(response.data.get("detail", "")))
    return response


def json_not_found(request, exception):
    """handler404: an unknown URL answers JSON too, not Django's HTML page."""
    return JsonResponse(envelope("not_found", "No such endpoint.", {"path": request.path}), status=404)


def json_server_error(request):
    """handler500: no traceback and no HTML for API clients; the log keeps the details."""
    return JsonResponse(envelope("server_error", "Something went wrong on our side."), status=500)
# --8<-- [end:error-envelope]
