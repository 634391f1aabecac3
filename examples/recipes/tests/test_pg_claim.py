"""select_for_update(skip_locked=True): each open row goes to one worker (concurrency challenge)."""
import os
import threading

import pytest
from django.db import connection, transaction

from cookbook.dj_orm.models import Company, Opening
from cookbook.pg_demo.claim import claim_next


@pytest.mark.django_db
def test_claim_takes_open_rows_oldest_first_then_returns_none():
    acme = Company.objects.create(name="Acme")
    first, second = (Opening.objects.create(company=acme, title=t, city="Nairobi", salary=1)
                     for t in ("one", "two"))
    assert claim_next("w1").pk == first.pk
    assert claim_next("w2").pk == second.pk
    assert claim_next("w3") is None
    assert set(Opening.objects.values_list("status", flat=True)) == {"closed"}


@pytest.mark.skipif(os.environ.get("DATABASE_URL", "").split(":")[0] not in {"postgres", "postgresql"},
                    reason="SQLite ignores select_for_update(); the lock needs PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_a_row_locked_by_one_worker_is_skipped_by_the_other():
    acme = Company.objects.create(name="Acme")
    busy, free = (Opening.objects.create(company=acme, title=t, city="Nairobi", salary=1)
                  for t in ("busy", "free"))
    locked, release, result = threading.Event(), threading.Event(), {}

    def slow_worker():
        with transaction.atomic():
            Opening.objects.select_for_update().get(pk=busy.pk)   # holds the lock on "busy"
            locked.set()
            release.wait(5)
        connection.close()

    thread = threading.Thread(target=slow_worker)
    thread.start()
    locked.wait(5)
    result["row"] = claim_next("fast")        # does not wait: skips "busy", takes "free"
    release.set()
    thread.join()
    assert result["row"].pk == free.pk
    assert Opening.objects.get(pk=busy.pk).status == "open"
