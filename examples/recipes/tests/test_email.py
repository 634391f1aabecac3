"""docs/howto/email.md and docs/troubleshooting/email.md: sending email from Django.

Real SMTP conversations happen with a local aiosmtpd server on a free port, or with a socket that
misbehaves on purpose; nothing here reaches the network."""
import importlib.util
import socket
import sys
import threading
from pathlib import Path

import catalogue   # examples/errors (pytest.ini's pythonpath)
import pytest
from django.core import mail
from django.core.mail import get_connection, send_mail
from django.test import override_settings

SMTP = "django.core.mail.backends.smtp.EmailBackend"
MAILCOOK = Path(__file__).resolve().parents[1] / "cookbook" / "mailcook"





class Inbox:
    """An aiosmtpd handler that keeps what it receives."""
    def __init__(self):
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp_server():
    from aiosmtpd.controller import Controller

    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=catalogue.free_port())
    controller.start()
    yield controller.port, inbox
    controller.stop()


def load_smtp_settings(monkeypatch, **env):
    for name in ("EMAIL_HOST", "EMAIL_PORT", "EMAIL_USE_TLS", "EMAIL_HOST_USER", "EMAIL_HOST_PASSWORD",
                 "DEFAULT_FROM_EMAIL"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    spec = importlib.util.spec_from_file_location("smtp_settings", MAILCOOK / "smtp_settings.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return {name: getattr(module, name) for name in dir(module) if name.startswith(("EMAIL_", "DEFAULT_"))}


# --- docs/howto/email.md#email-smtp-gmail ------------------------------------------------------
def test_smtp_settings_send_through_a_server(monkeypatch, smtp_server):
    port, inbox = smtp_server
    values = load_smtp_settings(monkeypatch, EMAIL_HOST="127.0.0.1", EMAIL_PORT=str(port),
                                EMAIL_USE_TLS="False", DEFAULT_FROM_EMAIL="jobs@nexus.example")
    assert values["EMAIL_USE_TLS"] is False and values["EMAIL_USE_SSL"] is False   # "False" is not True
    with override_settings(**values):
        sent = send_mail("Hello", "It works.", None, ["learner@nexus.example"])
    assert sent == 1
    assert inbox.envelopes[0].mail_from == "jobs@nexus.example"
    assert inbox.envelopes[0].rcpt_tos == ["learner@nexus.example"]


def test_smtp_settings_defaults_are_gmail_starttls(monkeypatch):
    values = load_smtp_settings(monkeypatch)
    assert (values["EMAIL_HOST"], values["EMAIL_PORT"]) == ("smtp.gmail.com", 587)
    assert values["EMAIL_USE_TLS"] is True and values["EMAIL_USE_SSL"] is False
    ssl465 = load_smtp_settings(monkeypatch, EMAIL_PORT="465", EMAIL_USE_TLS="false")
    assert ssl465["EMAIL_USE_SSL"] is True and ssl465["EMAIL_USE_TLS"] is False
    assert values["EMAIL_TIMEOUT"] == 10


# --- docs/howto/email.md#email-html ----------------------------------------------------------
def test_html_email_has_text_and_html_parts(mailoutbox, settings):
    from cookbook.mailcook.messages import send_welcome

    settings.DEFAULT_FROM_EMAIL = "jobs@nexus.example"
    assert send_welcome("ada@nexus.example", "Ada") == 1
    message = mailoutbox[0]
    assert "Hello Ada" in message.body and "<strong>" not in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and "<strong>Ada</strong>" in html
    assert message.from_email == "jobs@nexus.example"


# --- docs/howto/email.md#email-test-outbox ---------------------------------------------------
# --8<-- [start:test-outbox]
def test_welcome_email_is_sent():
    from cookbook.mailcook.messages import send_welcome

    # Django's test runner (and pytest-django) switch EMAIL_BACKEND to the locmem
    # backend: nothing leaves the machine, and every message lands in mail.outbox.
    send_welcome("ada@nexus.example", "Ada")
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "Welcome to the Job Board"
    assert mail.outbox[0].to == ["ada@nexus.example"]
# --8<-- [end:test-outbox]


def test_console_backend_prints_the_message(capsys, monkeypatch):
    monkeypatch.delenv("EMAIL_BACKEND", raising=False)
    spec = importlib.util.spec_from_file_location("dev_settings", MAILCOOK / "dev_settings.py")
    dev = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(dev)
    assert dev.EMAIL_BACKEND == "django.core.mail.backends.console.EmailBackend"
    with override_settings(EMAIL_BACKEND=dev.EMAIL_BACKEND):
        send_mail("Console", "Printed, not sent.", "jobs@nexus.example", ["ada@nexus.example"])
    assert "Subject: Console" in capsys.readouterr().out


# --- docs/howto/email.md#email-password-reset ------------------------------------------------
@pytest.mark.django_db
def test_password_reset_sends_only_to_a_known_active_user_with_a_password(client, mailoutbox,
                                                                          django_user_model):
    django_user_model.objects.create_user("ada", "ada@nexus.example", "s3cret-pass")
    social = django_user_model.objects.create_user("bob", "bob@nexus.example")    # no usable password
    assert not social.has_usable_password()
    django_user_model.objects.create_user("eve", "eve@nexus.example", "x", is_active=False)

    for email in ("nobody@nexus.example", "bob@nexus.example", "eve@nexus.example"):
        response = client.post("/mailcook/accounts/password_reset/", {"email": email})
        assert response.status_code == 302          # "email sent" page either way
    assert mailoutbox == []                         # ...but nothing was sent

    client.post("/mailcook/accounts/password_reset/", {"email": "ADA@nexus.example"})
    assert len(mailoutbox) == 1                     # the lookup ignores case
    assert "/mailcook/accounts/reset/" in mailoutbox[0].body


# --- docs/troubleshooting/email.md#email-connection-refused ----------------------------------
def test_connection_refused_when_no_server_listens():
    errors = catalogue
    port = catalogue.free_port()
    errors.require_closed(port)
    connection = get_connection(SMTP, host="127.0.0.1", port=port, timeout=5)
    with pytest.raises(ConnectionRefusedError) as raised:
        send_mail("Hi", "Body", "jobs@nexus.example", ["ada@nexus.example"], connection=connection)
    errors.assert_reproduces(errors.printed(raised.value), "email/connection-refused")


# --- docs/troubleshooting/email.md#email-tls-ssl-exclusive -----------------------------------
def test_tls_and_ssl_both_true(monkeypatch):
    errors = catalogue
    with override_settings(EMAIL_BACKEND=SMTP, EMAIL_USE_TLS=True, EMAIL_USE_SSL=True):
        with pytest.raises(ValueError) as raised:
            send_mail("Hi", "Body", "jobs@nexus.example", ["ada@nexus.example"])
    errors.assert_reproduces(errors.printed(raised.value), "email/tls-ssl-exclusive")
    # The usual cause: a string from the environment. "False" is a non-empty, true string.
    assert bool("False") is True


# --- docs/troubleshooting/email.md#email-wrong-version-number --------------------------------
def test_ssl_against_a_starttls_port(smtp_server):
    errors = catalogue
    port, _ = smtp_server                          # a plain server, like port 587 before STARTTLS
    connection = get_connection(SMTP, host="127.0.0.1", port=port, use_ssl=True, timeout=5)
    with pytest.raises(Exception) as raised:
        send_mail("Hi", "Body", "jobs@nexus.example", ["ada@nexus.example"], connection=connection)
    errors.assert_reproduces(errors.printed(raised.value), "email/wrong-version-number")


# --- docs/troubleshooting/email.md#email-server-disconnected ---------------------------------
def serve_once(reply: bytes | None):
    """A TCP server that accepts one connection, optionally writes `reply`, then closes (reply=None)
    or keeps silent until the test ends (reply=b"")."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    done = threading.Event()

    def run():
        conn, _ = listener.accept()
        if reply:
            conn.sendall(reply)
        if reply is None:
            conn.close()
        else:
            done.wait(10)
            conn.close()
    threading.Thread(target=run, daemon=True).start()
    return listener, done


def test_server_closes_the_connection():
    errors = catalogue
    listener, done = serve_once(None)
    port = listener.getsockname()[1]
    connection = get_connection(SMTP, host="127.0.0.1", port=port, timeout=5)
    with pytest.raises(Exception) as raised:
        send_mail("Hi", "Body", "jobs@nexus.example", ["ada@nexus.example"], connection=connection)
    done.set()
    listener.close()
    errors.assert_reproduces(errors.printed(raised.value), "email/server-disconnected")


# --- docs/troubleshooting/email.md#email-smtp-timeout ----------------------------------------
def test_silent_server_times_out_with_email_timeout():
    errors = catalogue
    listener, done = serve_once(b"")               # accepts, never greets: like a blocked relay
    port = listener.getsockname()[1]
    with override_settings(EMAIL_BACKEND=SMTP, EMAIL_HOST="127.0.0.1", EMAIL_PORT=port, EMAIL_TIMEOUT=1):
        with pytest.raises(Exception) as raised:
            send_mail("Hi", "Body", "jobs@nexus.example", ["ada@nexus.example"])
    done.set()
    listener.close()
    errors.assert_reproduces(errors.printed(raised.value), "email/timed-out")
