import logging

import pytest

pytestmark = pytest.mark.django_db


def test_request_logging_middleware_logs_one_line(client, caplog):
    with caplog.at_level(logging.INFO, logger="jobboard.requests"):
        client.get("/health/?probe=1", REMOTE_ADDR="192.0.2.10")
    records = [r for r in caplog.records if r.name == "jobboard.requests"]
    assert len(records) == 1
    message = records[0].getMessage()
    assert message.startswith("GET /health/ 200 ")
    assert "probe=1" not in message  # query strings can carry tokens, so they stay out of logs
    assert "ms ip=192.0.2.10" in message
    assert records[0].status_code == 200
    assert records[0].duration_ms >= 0


def test_error_responses_are_logged_with_status(client, caplog):
    with caplog.at_level(logging.INFO, logger="jobboard.requests"):
        client.get("/api/jobs/424242/")
    assert any(" 404 " in r.getMessage() for r in caplog.records if r.name == "jobboard.requests")
