"""Hand each open row to exactly one worker (docs/challenges/concurrency.md)."""
from django.db import transaction

from cookbook.dj_orm.models import Opening


# --8<-- [start:claim]
def claim_next(worker):
    """Lock the oldest open row that no other transaction holds, and mark it as taken.
    Workers that run this at the same time each get a different row, or None."""
    with transaction.atomic():
        row = (Opening.objects.select_for_update(skip_locked=True)
               .filter(status=Opening.Status.OPEN).order_by("pk").first())
        if row is not None:
            row.status = Opening.Status.CLOSED      # "taken": no longer open
            row.title = f"{row.title} [{worker}]"
            row.save(update_fields=["status", "title"])
        return row
# --8<-- [end:claim]
