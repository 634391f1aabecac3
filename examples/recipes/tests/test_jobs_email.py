"""docs/howto/email.md#email-attachment and docs/troubleshooting/email.md#email-webmaster-localhost.

Messages go to the locmem backend (pytest-django's mailoutbox); nothing reaches the network."""
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.mail import send_mail


# --- docs/howto/email.md#email-attachment ------------------------------------------------------
def test_report_has_a_file_and_an_in_memory_attachment(mailoutbox, settings, tmp_path):
    from cookbook.mailjobs.attachments import send_report

    settings.DEFAULT_FROM_EMAIL = "jobs@nexus.example"
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"%PDF-1.4 test")
    assert send_report("ada@nexus.example", str(pdf), "id,title\n1,Django developer\n") == 1
    message = mailoutbox[0]
    names = [attachment[0] for attachment in message.attachments]
    assert names == ["report.pdf", "applications.csv"]
    assert message.attachments[0][2] == "application/pdf"        # guessed from the file name
    assert message.attachments[1][2] == "text/csv"
    raw = message.message().as_string()
    assert 'filename="report.pdf"' in raw and "multipart/mixed" in raw


def test_uploaded_file_is_attached_with_its_type(mailoutbox):
    from cookbook.mailjobs.attachments import send_uploaded_cv

    upload = SimpleUploadedFile("cv.pdf", b"%PDF-1.4 cv", content_type="application/pdf")
    assert send_uploaded_cv("hr@nexus.example", upload) == 1
    name, content, mimetype = mailoutbox[0].attachments[0]
    assert (name, content, mimetype) == ("cv.pdf", b"%PDF-1.4 cv", "application/pdf")


# --- docs/troubleshooting/email.md#email-webmaster-localhost -----------------------------------
def test_from_address_defaults_to_webmaster_at_localhost(mailoutbox, settings):
    from django.conf import global_settings          # Django's defaults, used when settings.py is silent

    settings.DEFAULT_FROM_EMAIL = global_settings.DEFAULT_FROM_EMAIL
    settings.SERVER_EMAIL = global_settings.SERVER_EMAIL
    send_mail("Reset your password", "Body", None, ["ada@nexus.example"])
    assert mailoutbox[0].from_email == "webmaster@localhost"
    assert settings.SERVER_EMAIL == "root@localhost"  # the sender of error emails to ADMINS

    from cookbook.mailjobs import from_settings                       # the fix

    settings.DEFAULT_FROM_EMAIL = from_settings.DEFAULT_FROM_EMAIL
    settings.SERVER_EMAIL = from_settings.SERVER_EMAIL
    send_mail("Reset your password", "Body", None, ["ada@nexus.example"])
    assert mailoutbox[1].from_email == "Job Board <no-reply@jobs.example.com>"
    assert settings.SERVER_EMAIL == "errors@jobs.example.com"


# --- docs/howto/email.md#email-many-recipients -------------------------------------------------
def test_newsletter_sends_one_message_per_address(mailoutbox):
    from cookbook.mailjobs.attachments import send_newsletter

    people = ["ada@nexus.example", "bob@nexus.example", "eve@nexus.example"]
    assert send_newsletter("News", "Three new jobs.", people) == 3
    assert [message.to for message in mailoutbox] == [[address] for address in people]


def test_bcc_addresses_are_not_written_in_the_headers(mailoutbox):
    from django.core.mail import EmailMessage

    message = EmailMessage("News", "Body", None, ["jobs@nexus.example"],
                           bcc=["ada@nexus.example", "bob@nexus.example"])
    message.send()
    assert mailoutbox[0].recipients() == ["jobs@nexus.example", "ada@nexus.example", "bob@nexus.example"]
    assert "ada@nexus.example" not in mailoutbox[0].message().as_string()
