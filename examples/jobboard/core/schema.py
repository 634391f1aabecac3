"""The API contract's shared parts: the error envelope, error responses, and recorded examples.

drf-spectacular reads the views' `extend_schema` annotations (built with `operation()` below)
when `bin/export-contract` writes contract/openapi.yaml. The examples in contract/examples/ are
real responses recorded by tests/test_contract.py, never written by hand; `attach_examples`
adds them to the schema.
"""
import json
from pathlib import Path

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers

EXAMPLES = Path(__file__).resolve().parent.parent / "contract" / "examples"


class ErrorBodySerializer(serializers.Serializer):
    code = serializers.CharField(help_text="Stable, machine-readable code, e.g. `validation_error`, `not_found`.")
    message = serializers.CharField(help_text="One sentence for people; don't parse it.")
    details = serializers.DictField(
        help_text="Per-field messages for `validation_error` (`{field: [messages]}`), "
                  "`retry_after_seconds` for `rate_limited` and `throttled`, otherwise empty.")


class ErrorEnvelopeSerializer(serializers.Serializer):
    """Every error the API returns has this one shape."""

    error = ErrorBodySerializer()


class TokenPairSerializer(serializers.Serializer):
    access = serializers.CharField(help_text="Access token (JWT): send it in the `Authorization` header, after `Bearer `.")
    refresh = serializers.CharField(help_text="Refresh token (JWT): trade it for a new access token.")


class AccessTokenSerializer(serializers.Serializer):
    access = serializers.CharField(help_text="A new access token (JWT).")


ERRORS = {
    400: "Invalid request data (`validation_error`); `details` lists the messages per field.",
    401: "No valid access token (`not_authenticated`, `token_not_valid`, or `authentication_failed`).",
    403: "Signed in, but this user's role or ownership does not allow it (`permission_denied`).",
    404: "No such object, or one this user may not see (`not_found`).",
    409: "Conflicts with existing data (`conflict`), e.g. a second application to the same job.",
    429: "Too many requests (`rate_limited` or `throttled`); wait `details.retry_after_seconds`. "
         "The `Retry-After` header says the same.",
    502: "The payment provider failed or is unreachable (`payment_gateway_error`); try again later.",
}


def errors(*codes: int) -> dict:
    return {code: OpenApiResponse(ErrorEnvelopeSerializer, description=ERRORS[code]) for code in codes}


def operation(summary: str, description: str, ok: dict, codes=(), **kwargs):
    """One operation's docs: a summary, what it does and who may call it, its success and error responses.

    `auth=[{}]` marks an endpoint that needs no token where drf-spectacular cannot tell (simplejwt views).

    Every operation can answer 429 (DRF throttling applies to the whole API).
    """
    return extend_schema(summary=summary, description=description,
                         responses={**ok, **errors(*sorted({*codes, 429}))}, **kwargs)


def attach_examples(result, generator, request, public):
    """POSTPROCESSING_HOOKS: add the recorded request and response examples to each operation."""
    recorded = {}
    for path in sorted(EXAMPLES.glob("*.json")):
        example = json.loads(path.read_text(encoding="utf-8"))
        recorded.setdefault(example["operationId"], []).append((path.stem, example))
    for item in result.get("paths", {}).values():
        for op in item.values():
            for name, example in recorded.get(op.get("operationId"), []):
                title = example["title"]
                response = op["responses"].get(str(example["status"]))
                if response is not None and "content" in response:
                    content = response["content"].setdefault("application/json", {})
                    content.setdefault("examples", {})[name] = {"summary": title, "value": example["response"]}
                body = op.get("requestBody", {}).get("content", {}).get("application/json")
                # A request that was refused is not an example of what to send.
                if body is not None and example.get("request") is not None and example["status"] < 300:
                    body.setdefault("examples", {})[name] = {"summary": title, "value": example["request"]}
    return result
