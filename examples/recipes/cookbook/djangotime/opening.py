"""Django code that reads the clock through django.utils.timezone (tested in recipes/tests)."""
# --8<-- [start:opening]
from django.utils import timezone


def days_left(deadline) -> int:
    return (deadline - timezone.now()).days
# --8<-- [end:opening]
