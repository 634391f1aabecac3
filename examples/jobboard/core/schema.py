"""The API contract's shared parts: the error envelope, error responses, and recorded examples.

drf-spectacular reads the views' `extend_schema` annotations (built with `operation()` below)
when `bin/export-contract` writes contract/openapi.yaml. The examples in contract/examples/ are
real responses recorded by tests/test_contract.py, never written by hand; `attach_examples`
adds them to the schema.
"""
import json
from pathlib import Path

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import extend_schema
from rest_framework import permissions, serializers

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
    400: "The request is not valid; `details` lists the messages per field.",
    401: "No valid access token, or wrong credentials.",
    403: "Not allowed: this user's role or ownership, or a blocked address.",
    404: "No such object, or one this user may not see.",
    409: "Valid, but it conflicts with the data as it is now.",
    429: "Too many requests: wait `details.retry_after_seconds` (the `Retry-After` header says the same).",
    502: "The payment provider failed or is unreachable; try again later.",
}
# What simplejwt's JWTAuthentication raises for a token it can't use (the REST API's only
# authentication class): every operation that reads the Authorization header can answer these.
TOKEN_CODES = ("token_not_valid", "bad_authorization_header", "user_not_found", "user_inactive")
# Permission classes that refuse only anonymous callers (401); any other one can refuse with 403.
ANONYMOUS_ONLY = (permissions.AllowAny, permissions.IsAuthenticated, permissions.IsAuthenticatedOrReadOnly)


def names_objects(serializer) -> bool:
    """True when a request body has a writable field that holds another object's id."""
    if isinstance(serializer, type):
        serializer = serializer()
    fields = getattr(serializer, "fields", {})
    return any(isinstance(field, (serializers.RelatedField, serializers.ManyRelatedField)) and not field.read_only
               for field in fields.values())


class OperationErrors:
    """The error statuses and codes of one operation, read from the view that serves it.

    drf-spectacular knows the view (authentication, permissions, filters, body, path); the
    codes that only the operation's own code raises come from `operation(raises=...)`.
    """

    def __init__(self, schema: "JobBoardAutoSchema", op: dict):
        self.schema, self.view, self.op, self.found = schema, schema.view, op, {}

    def add(self, status: int, *codes: str) -> None:
        known = self.found.setdefault(status, [])
        known += [code for code in codes if code not in known]

    def collect(self, raises: dict) -> dict:
        view, op = self.view, self.op
        if "requestBody" in op:
            self.add(400, "validation_error", "parse_error")
            if names_objects(self.schema.get_request_serializer()):
                self.add(409, "conflict")   # an id in the body that names nothing (core/exceptions.py)
        if getattr(view, "filterset_class", None) and view.action == "list":
            self.add(400, "validation_error")   # a filter value that is not valid
        if view.authentication_classes:
            perms = view.get_permissions()
            if any(isinstance(p, permissions.IsAuthenticated) for p in perms) or any(
                    not isinstance(p, ANONYMOUS_ONLY) for p in perms):
                self.add(401, "not_authenticated")
            self.add(401, *TOKEN_CODES)   # a token is read, and refused, even where none is needed
            if any(not isinstance(p, ANONYMOUS_ONLY) for p in perms):
                self.add(403, "permission_denied")
        self.add(403, "ip_blocked")   # core.middleware.IPBlocklistMiddleware, before any view
        if any(p.get("in") == "path" for p in op.get("parameters", [])):
            self.add(404, "not_found")
        if getattr(view, "pagination_class", None) and getattr(view, "action", None) == "list":
            self.add(404, "not_found")   # ?page= past the last page
        self.add(429, "throttled")   # DRF's throttles apply to every view
        for status, codes in raises.items():
            self.add(status, *codes)
        return dict(sorted(self.found.items()))


class JobBoardAutoSchema(AutoSchema):
    """drf-spectacular's generator, plus what it does not write down by itself.

    1. DRF strips spaces from both ends of a string before it validates it, so "   " is blank and
       a `min_length` counts the stripped text. drf-spectacular writes `minLength` for the raw
       text, which then allows "   " (and "a  " for a minimum of 3). A `pattern` that asks for
       that many characters between the first and last non-space says the same thing on the
       raw text, so a client that follows the contract is never refused, and one that breaks it is.
    2. Every error status an operation can answer, with its codes (OperationErrors), and the
       Retry-After header of a 429.
    """

    def _map_serializer_field(self, field, direction, bypass_extensions=False):
        schema = super()._map_serializer_field(field, direction, bypass_extensions)
        if not isinstance(field, serializers.CharField) or field.allow_blank:
            return schema
        minimum = max(field.min_length or 1, 1)
        if (direction == "request" and field.trim_whitespace
                and schema.get("type") == "string" and not {"pattern", "format", "enum"} & set(schema)):
            schema["pattern"] = r"\S" if minimum == 1 else r"\S[\s\S]{%d,}\S" % (minimum - 2)
        return schema

    def get_operation(self, *args, **kwargs):
        op = super().get_operation(*args, **kwargs)
        if op is None:
            return op
        raises = op.pop("x-raises", {})
        envelope = self.resolve_serializer(ErrorEnvelopeSerializer, "response").ref
        for status, codes in OperationErrors(self, op).collect(raises).items():
            listed = ", ".join(f"`{code}`" for code in codes)
            # A content object of its own per status: attach_examples() adds each recorded error
            # example to the status it was recorded with, and to no other.
            response = {"content": {"application/json": {"schema": envelope}},
                        "description": f"{ERRORS[status]} Codes: {listed}."}
            if status == 429:
                response["headers"] = {"Retry-After": {
                    "schema": {"type": "integer", "minimum": 0}, "required": True,
                    "description": "Seconds to wait before trying again."}}
            op["responses"][str(status)] = response
        return op


def operation(summary: str, description: str, ok: dict, raises: dict | None = None, **kwargs):
    """One operation's docs: a summary, what it does and who may call it, and its success response.

    Its error responses are generated (JobBoardAutoSchema); `raises` adds the codes that only this
    operation's own code raises, e.g. `{409: ["conflict"]}`. `auth=[{}]` marks an endpoint that
    needs no token where drf-spectacular cannot tell (simplejwt views).
    """
    return extend_schema(summary=summary, description=description, responses=ok,
                         extensions={"x-raises": raises or {}}, **kwargs)


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


# How the operations connect: OpenAPI links, so a client generator or a stateful tester
# (Schemathesis' stateful phase) can follow the real workflow: sign up -> log in -> create a
# company -> post a job -> apply -> pay. drf-spectacular has no annotation for links, hence
# this table and the hook below. `$response.body#/id` is the id the first call returned.
def _id(operation: str, where: str = "path.id") -> dict:
    return {"operationId": operation, "parameters": {where: "$response.body#/id"}}


LINKS = {
    ("auth_register_create", "201"): {
        "LogIn": {"operationId": "auth_token_create", "description": "Log in as the user just created.",
                  "requestBody": {"username": "$response.body#/username", "password": "$request.body#/password"}}},
    ("auth_token_create", "200"): {
        "Refresh": {"operationId": "auth_token_refresh_create", "description": "Trade the refresh token.",
                    "requestBody": {"refresh": "$response.body#/refresh"}}},
    ("companies_create", "201"): {
        "GetCompany": _id("companies_retrieve"), "RenameCompany": _id("companies_partial_update"),
        "PostJob": {"operationId": "jobs_create", "description": "Post an open job for this company.",
                    "requestBody": {"company": "$response.body#/id", "status": "open"}},
        "DeleteCompany": _id("companies_destroy")},
    ("jobs_create", "201"): {
        "GetJob": _id("jobs_retrieve"), "Apply": _id("jobs_apply_create"),
        "ApplyByBody": {"operationId": "applications_create", "requestBody": {"job": "$response.body#/id"}},
        "Pay": {"operationId": "payments_initialize_create", "description": "Feature this job.",
                "requestBody": {"job": "$response.body#/id"}},
        "CloseJob": {**_id("jobs_partial_update"), "requestBody": {"status": "closed"}},
        "DeleteJob": _id("jobs_destroy")},
    ("jobs_apply_create", "201"): {
        "GetApplication": _id("applications_retrieve"), "Review": _id("applications_partial_update"),
        "Withdraw": _id("applications_destroy")},
    ("applications_create", "201"): {
        "GetApplication": _id("applications_retrieve"), "Withdraw": _id("applications_destroy")},
    ("payments_initialize_create", "201"): {
        "Verify": {"operationId": "payments_verify_retrieve", "parameters": {"path.tx_ref": "$response.body#/tx_ref"}},
        "CallBack": {"operationId": "payments_callback_retrieve",
                     "parameters": {"query.tx_ref": "$response.body#/tx_ref"}}},
}


def add_links(result, generator, request, public):
    """POSTPROCESSING_HOOKS: write LINKS into the success responses they start from."""
    for item in result.get("paths", {}).values():
        for op in item.values():
            for (operation_id, status), links in LINKS.items():
                if op.get("operationId") == operation_id:
                    op["responses"][status]["links"] = links
    return result
