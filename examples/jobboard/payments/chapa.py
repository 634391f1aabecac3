"""A small client for the Chapa payment API (https://developer.chapa.co).

Initialize: POST {base}/transaction/initialize -> data.checkout_url
Verify:     GET  {base}/transaction/verify/<tx_ref> -> data.status
Both use the secret key as a Bearer token.
"""
from dataclasses import dataclass
from decimal import Decimal

import requests
from django.conf import settings


class ChapaError(Exception):
    """Base class: catch this to handle every Chapa failure."""


class ChapaConfigError(ChapaError):
    """The secret key is missing."""


class ChapaNetworkError(ChapaError):
    """Chapa could not be reached in time (timeout, DNS, refused connection)."""


class ChapaAPIError(ChapaError):
    """Chapa answered with an error status or a failed body."""

    def __init__(self, message: str, status_code: int | None = None):
        super().__init__(message)
        self.status_code = status_code


@dataclass(frozen=True)
class Checkout:
    tx_ref: str
    checkout_url: str


# --8<-- [start:chapa-client]
class ChapaClient:
    def __init__(self, secret_key: str | None = None, timeout: float = 10.0):
        self.secret_key = secret_key if secret_key is not None else settings.CHAPA_SECRET_KEY
        if not self.secret_key:
            raise ChapaConfigError("Set CHAPA_SECRET_KEY (test keys start with CHASECK_TEST-).")
        self.base_url = settings.CHAPA_BASE_URL.rstrip("/")  # https://api.chapa.co/v1
        self.timeout = timeout  # never call a third party without one
        self.session = requests.Session()

    def initialize(self, *, amount: Decimal, currency: str, email: str, tx_ref: str,
                   callback_url: str, return_url: str, first_name: str = "",
                   last_name: str = "") -> Checkout:
        payload = {"amount": str(amount), "currency": currency, "email": email,
                   "first_name": first_name, "last_name": last_name, "tx_ref": tx_ref,
                   "callback_url": callback_url, "return_url": return_url}
        body = self._request("POST", "/transaction/initialize", json=payload)
        return Checkout(tx_ref=tx_ref, checkout_url=body["data"]["checkout_url"])

    def verify(self, tx_ref: str) -> dict:
        """Return Chapa's `data` object; data["status"] is "success" once paid."""
        return self._request("GET", f"/transaction/verify/{tx_ref}")["data"]

    def _request(self, method: str, path: str, **kwargs) -> dict:
        headers = {"Authorization": f"Bearer {self.secret_key}"}
        try:
            response = self.session.request(method, self.base_url + path, headers=headers,
                                            timeout=self.timeout, **kwargs)
            response.raise_for_status()
            body = response.json()
        except (requests.Timeout, requests.ConnectionError) as exc:
            raise ChapaNetworkError(f"Chapa unreachable: {exc}") from exc
        except requests.HTTPError as exc:
            raise ChapaAPIError(_message(response), response.status_code) from exc
        except ValueError as exc:  # the body was not JSON
            raise ChapaAPIError("Chapa returned invalid JSON.", response.status_code) from exc
        if not isinstance(body, dict) or body.get("status") != "success" \
                or not isinstance(body.get("data"), dict):
            raise ChapaAPIError(_message(response), response.status_code)
        return body
# --8<-- [end:chapa-client]


def _json_or_empty(response: requests.Response) -> dict:
    try:
        data = response.json()
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def _message(response: requests.Response) -> str:
    message = _json_or_empty(response).get("message") or response.reason or "Chapa request failed."
    return message if isinstance(message, str) else str(message)
