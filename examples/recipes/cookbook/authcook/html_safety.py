"""Showing user text in HTML without XSS: auto-escaping, |safe, mark_safe and format_html
(docs/practices/defensive.md#defensive-xss)."""
from django.template import engines
from django.utils.html import format_html
from django.utils.safestring import mark_safe

# --8<-- [start:autoescape]
# {{ bio }} is escaped: "<script>" reaches the browser as the text "&lt;script&gt;".
# {{ bio|safe }} is not: a script a user typed into their bio runs in every visitor's browser.
PROFILE = engines["django"].from_string(
    "<p>{{ bio }}</p>\n"
    "<p>{{ bio|safe }}</p>  {# never on user input #}\n"
)
# --8<-- [end:autoescape]


# --8<-- [start:format-html]
def company_link(name: str, url: str) -> str:
    """A link built from user data. format_html() escapes each argument and marks the result
    safe, so the template shows it as HTML without |safe."""
    return format_html('<a href="{}">{}</a>', url, name)


def company_link_unsafe(name: str, url: str) -> str:
    """The mistake: mark_safe() on a string that contains user data. Nothing is escaped."""
    return mark_safe(f'<a href="{url}">{name}</a>')
# --8<-- [end:format-html]
