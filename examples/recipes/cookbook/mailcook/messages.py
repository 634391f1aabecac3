"""An HTML email with a plain-text part, both rendered from templates (docs/howto/email.md#email-html)."""
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string


# --8<-- [start:html-email]
def send_welcome(user_email: str, name: str) -> int:
    context = {"name": name}
    subject = "Welcome to the Job Board"
    text_body = render_to_string("mailcook/welcome.txt", context)   # for clients without HTML
    html_body = render_to_string("mailcook/welcome.html", context)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text_body,
        from_email=None,            # None: DEFAULT_FROM_EMAIL
        to=[user_email],
    )
    message.attach_alternative(html_body, "text/html")
    return message.send()           # 1 when the backend accepted it
# --8<-- [end:html-email]
