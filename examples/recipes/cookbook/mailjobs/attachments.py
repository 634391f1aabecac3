"""Email with attachments (docs/howto/email.md#email-attachment) and one message per recipient
(docs/howto/email.md#email-many-recipients)."""
from django.core.mail import EmailMessage, get_connection


# --8<-- [start:attachment]
def send_report(to: str, pdf_path: str, csv_text: str) -> int:
    message = EmailMessage(
        subject="Your weekly report",
        body="The report and the raw data are attached.",
        from_email=None,                      # None: DEFAULT_FROM_EMAIL
        to=[to],
    )
    message.attach_file(pdf_path)             # a file on disk; the type comes from the name
    message.attach("applications.csv", csv_text, "text/csv")   # content made in memory
    return message.send()                     # 1 when the backend accepted it
# --8<-- [end:attachment]


# --8<-- [start:upload]
def send_uploaded_cv(to: str, upload) -> int:
    """`upload` is a file from request.FILES (an UploadedFile)."""
    message = EmailMessage("New CV", "A candidate sent a CV.", None, [to])
    message.attach(upload.name, upload.read(), upload.content_type)
    return message.send()
# --8<-- [end:upload]


# --8<-- [start:many-recipients]
def send_newsletter(subject: str, body: str, recipients: list[str]) -> int:
    """One message per address: each person sees only their own address in To."""
    messages = [EmailMessage(subject, body, None, [address]) for address in recipients]
    with get_connection() as connection:       # one SMTP connection for the whole batch
        return connection.send_messages(messages)   # how many were sent
# --8<-- [end:many-recipients]
