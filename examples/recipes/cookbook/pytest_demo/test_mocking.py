from unittest.mock import patch

import pytest

import alerts


# --8<-- [start:patch-where-used]
def test_alerts_every_applicant(applicant_emails):
    with patch("alerts.send_email") as send:       # where alerts LOOKS UP the name
        assert alerts.alert_applicants("Backend Developer", applicant_emails) == 2
    assert send.call_count == 2
    send.assert_any_call("ana@example.com", "New job: Backend Developer")
# --8<-- [end:patch-where-used]


# --8<-- [start:patch-wrong-place]
def test_patching_the_definition_misses(applicant_emails):
    with patch("mailer.send_email"):               # replaces mailer's name, not alerts' copy
        with pytest.raises(RuntimeError, match="real email"):
            alerts.alert_applicants("Backend Developer", applicant_emails)
# --8<-- [end:patch-wrong-place]


# --8<-- [start:side-effect]
@patch("alerts.send_email", autospec=True)          # as a decorator; autospec keeps the signature
def test_a_failing_mail_server(send, applicant_emails):
    send.side_effect = ConnectionError("SMTP down")  # make the fake raise instead of return
    with pytest.raises(ConnectionError):
        alerts.alert_applicants("Backend Developer", applicant_emails)
    send.assert_called_once_with("ana@example.com", "New job: Backend Developer")
# --8<-- [end:side-effect]


# --8<-- [start:monkeypatch]
def test_monkeypatch_swaps_in_a_plain_fake(monkeypatch, applicant_emails):
    sent = []
    # pytest's monkeypatch sets any value and undoes it after the test; it records no calls itself.
    monkeypatch.setattr("alerts.send_email", lambda to, subject: sent.append(to))
    monkeypatch.setenv("ALERTS_FROM", "jobs@example.com")   # environment variables, the same way
    assert alerts.alert_applicants("Backend Developer", applicant_emails) == 2
    assert sent == ["ana@example.com", "ben@example.com"]
# --8<-- [end:monkeypatch]
