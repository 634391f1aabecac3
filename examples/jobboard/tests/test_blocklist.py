"""IPBlocklistMiddleware and the client-IP rule."""
import pytest

from core.models import BlockedIP

from .conftest import assert_error

pytestmark = pytest.mark.django_db


# --8<-- [start:test-blocked-ip]
def test_blocked_ip_gets_403_in_error_format(client):
    BlockedIP.objects.create(ip_address="203.0.113.7", reason="scraping")

    blocked = client.get("/api/jobs/", REMOTE_ADDR="203.0.113.7")
    allowed = client.get("/api/jobs/", REMOTE_ADDR="198.51.100.1")

    error = assert_error(blocked, 403, "ip_blocked")
    assert error["details"] == {"ip": "203.0.113.7"}
    assert allowed.status_code == 200
# --8<-- [end:test-blocked-ip]


def test_forwarded_header_ignored_without_trusted_proxy(client):
    BlockedIP.objects.create(ip_address="203.0.113.7")
    # A client cannot hide behind a fake X-Forwarded-For ...
    response = client.get("/health/", REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR="10.0.0.1")
    assert response.status_code == 403
    # ... nor frame someone else with one.
    assert client.get("/health/", HTTP_X_FORWARDED_FOR="203.0.113.7").status_code == 200


def test_forwarded_header_used_behind_trusted_proxy(client, settings):
    settings.BEHIND_TRUSTED_PROXY = True
    BlockedIP.objects.create(ip_address="203.0.113.7")
    # The proxy (10.0.0.2) appends the address it saw; anything to its left came from the client.
    response = client.get("/health/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert response.status_code == 403
    forged = client.get("/health/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="198.51.100.1, 203.0.113.7")
    assert forged.status_code == 403, "a forged left-hand entry must not unblock the client"
    framed = client.get("/health/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.7, 198.51.100.9")
    assert framed.status_code == 200, "a client must not get someone else blocked"


def test_blocklist_is_cached_between_requests(client, django_assert_num_queries):
    client.get("/health/")  # loads the blocklist once
    with django_assert_num_queries(1):  # only the health check's SELECT 1
        client.get("/health/")


def test_new_block_takes_effect_immediately(client):
    client.get("/health/", REMOTE_ADDR="203.0.113.8")  # caches an empty blocklist
    BlockedIP.objects.create(ip_address="203.0.113.8")  # post_save clears that cache
    assert client.get("/health/", REMOTE_ADDR="203.0.113.8").status_code == 403
