"""The data migration 0002 works forwards and backwards."""
import importlib

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("jobs", "0001_initial")]
AFTER = [("jobs", "0002_backfill_job_slugs")]

data_migration = importlib.import_module("jobs.migrations.0002_backfill_job_slugs")


# --8<-- [start:test-migration-rollback]
@pytest.mark.django_db(transaction=True)  # migrations need real commits
def test_migration_rollback():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)  # go back: the slug column does not exist yet
    old_apps = executor.loader.project_state(BEFORE).apps
    User = old_apps.get_model("accounts", "User")
    Company = old_apps.get_model("jobs", "Company")
    Job = old_apps.get_model("jobs", "Job")
    owner = User.objects.create(username="old", email="old@example.com", role="recruiter")
    company = Company.objects.create(name="Legacy Co", owner=owner)
    job = Job.objects.create(company=company, title="Legacy Role", description="d")

    executor = MigrationExecutor(connection)  # reload the graph after migrating
    executor.migrate(AFTER)  # forward: RunPython fills the slugs
    new_apps = executor.loader.project_state(AFTER).apps
    NewJob = new_apps.get_model("jobs", "Job")
    assert NewJob.objects.get(pk=job.pk).slug == f"legacy-role-{job.pk}"

    data_migration.clear_slugs(new_apps, None)  # the reverse_code on its own
    assert NewJob.objects.get(pk=job.pk).slug == ""

    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)  # backward works: no IrreversibleError
    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)  # and forward again refills
    assert NewJob.objects.get(pk=job.pk).slug == f"legacy-role-{job.pk}"
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())  # leave the schema up to date
# --8<-- [end:test-migration-rollback]


@pytest.mark.django_db
def test_no_missing_migrations():
    from django.core.management import call_command

    call_command("makemigrations", "--check", "--dry-run", verbosity=0)  # exits non-zero if missing


@pytest.mark.django_db
def test_migration_graph_is_linear_per_app():
    executor = MigrationExecutor(connection)
    leaves = executor.loader.graph.leaf_nodes()
    apps_with_leaves = [app for app, _ in leaves]
    assert len(apps_with_leaves) == len(set(apps_with_leaves))  # one head per app
    assert ("jobs", "0002_backfill_job_slugs") in leaves
