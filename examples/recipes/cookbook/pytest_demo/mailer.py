"""The "real" email sender: tests must never reach it."""


def send_email(to: str, subject: str) -> None:
    raise RuntimeError(f"a test tried to send a real email to {to}")
