"""Code under test: it imports send_email by name, so its own module holds that name."""
# --8<-- [start:alerts]
from mailer import send_email      # alerts.send_email now points at the function


def alert_applicants(job_title: str, emails: list[str]) -> int:
    for email in emails:
        send_email(email, f"New job: {job_title}")
    return len(emails)
# --8<-- [end:alerts]
