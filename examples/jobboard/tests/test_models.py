"""Database constraints hold even when code forgets to validate."""
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from accounts.models import User
from core.models import BlockedIP
from jobs.models import Application, Company, Job
from payments.models import Payment

pytestmark = pytest.mark.django_db


def test_job_salary_check_constraint_rejects_upside_down_range(company):
    with pytest.raises(IntegrityError), transaction.atomic():
        Job.objects.create(company=company, title="Bad", description="x",
                           salary_min=90000, salary_max=10000)


def test_job_salary_constraint_allows_open_ended_ranges(company):
    Job.objects.create(company=company, title="Only min", description="x", salary_min=5)
    Job.objects.create(company=company, title="Only max", description="x", salary_max=5)
    Job.objects.create(company=company, title="Equal", description="x", salary_min=5, salary_max=5)
    assert Job.objects.count() == 3


def test_application_unique_per_job_and_applicant(job, applicant):
    Application.objects.create(job=job, applicant=applicant)
    with pytest.raises(IntegrityError), transaction.atomic():
        Application.objects.create(job=job, applicant=applicant)


def test_user_role_check_constraint():
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create_user(username="x", email="x@example.com", password="p", role="admin")


def test_company_name_is_unique(recruiter):
    Company.objects.create(name="Same", owner=recruiter)
    with pytest.raises(IntegrityError), transaction.atomic():
        Company.objects.create(name="Same", owner=recruiter)


def test_payment_amount_must_be_positive(recruiter):
    with pytest.raises(IntegrityError), transaction.atomic():
        Payment.objects.create(user=recruiter, amount=Decimal("0"), tx_ref="t-0")


def test_blocked_ip_is_unique():
    BlockedIP.objects.create(ip_address="203.0.113.9")
    with pytest.raises(IntegrityError), transaction.atomic():
        BlockedIP.objects.create(ip_address="203.0.113.9")


def test_job_slug_is_generated_from_title_and_id(job):
    assert job.slug == f"junior-django-developer-{job.pk}"


def test_job_meta_declares_status_created_index():
    names = {index.name for index in Job._meta.indexes}
    assert "job_status_created_idx" in names
    index = next(i for i in Job._meta.indexes if i.name == "job_status_created_idx")
    assert index.fields == ["status", "-created_at"]
