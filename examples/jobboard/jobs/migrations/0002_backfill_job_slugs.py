"""Add Job.slug and fill it for the rows that already exist.

Schema change and data change sit in one migration here because the backfill
only makes sense together with the new column. Django's docs advise keeping
RunPython apart from schema changes on PostgreSQL: an ALTER TABLE that runs
after row updates in the same transaction can fail with "pending trigger
events". Here the only ALTER comes first, so one migration is safe; a later
change such as making slug unique belongs in its own migration. Both
directions work:
`migrate jobs 0002` fills the slugs, `migrate jobs 0001` clears them (the
RunPython reverse) and then drops the column (the AddField reverse).
"""
from django.db import migrations, models
from django.utils.text import slugify


# --8<-- [start:data-migration]
def fill_slugs(apps, schema_editor):
    # Use the historical model from `apps`, never `from jobs.models import Job`:
    # the real class may have fields this migration does not know yet.
    Job = apps.get_model("jobs", "Job")
    batch = []
    for job in Job.objects.filter(slug="").only("id", "title").iterator(chunk_size=500):
        job.slug = f"{slugify(job.title)[:200]}-{job.pk}"
        batch.append(job)
        if len(batch) >= 500:
            Job.objects.bulk_update(batch, ["slug"])
            batch.clear()
    Job.objects.bulk_update(batch, ["slug"])


def clear_slugs(apps, schema_editor):
    Job = apps.get_model("jobs", "Job")
    Job.objects.update(slug="")


class Migration(migrations.Migration):
    dependencies = [("jobs", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="job",
            name="slug",
            field=models.SlugField(blank=True, db_index=True, max_length=220),
        ),
        # reverse_code makes the migration reversible; without it Django
        # raises IrreversibleError when you migrate back.
        migrations.RunPython(fill_slugs, reverse_code=clear_slugs),
    ]
# --8<-- [end:data-migration]
