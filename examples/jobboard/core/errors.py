"""One JSON error shape for the whole API: {"error": {"code", "message", "details"}}."""
from django.http import JsonResponse


def error_payload(code: str, message: str, details: dict | None = None) -> dict:
    return {"error": {"code": code, "message": message, "details": details or {}}}


def error_response(status: int, code: str, message: str, details: dict | None = None) -> JsonResponse:
    """A plain Django JsonResponse in the API error format (for middleware and non-DRF views)."""
    return JsonResponse(error_payload(code, message, details), status=status)

