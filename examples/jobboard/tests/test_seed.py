import pytest
from django.core import mail
from django.core.management import call_command

from accounts.models import User
from jobs.models import Application, Company, Job

pytestmark = pytest.mark.django_db


def counts():
    return (User.objects.count(), Company.objects.count(), Job.objects.count(),
            Application.objects.count())


def test_seed_creates_demo_data():
    call_command("seed", stdout=open("/dev/null", "w"))
    assert counts() == (5, 2, 6, 3)
    assert User.objects.get(username="rita").check_password("nexus-demo-pass-2025")


def test_seed_is_idempotent(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed", stdout=open("/dev/null", "w"))
    first, emails = counts(), len(mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed", stdout=open("/dev/null", "w"))
    assert counts() == first  # nothing duplicated
    assert len(mail.outbox) == emails == 3  # and no second round of emails
