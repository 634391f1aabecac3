"""python manage.py cleanup_applications --days 30 (for cron; Celery beat runs the same task)."""
from django.core.management.base import BaseCommand

from jobs.tasks import cleanup_stale_applications


class Command(BaseCommand):
    help = "Reject applications that waited longer than --days on closed jobs."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=30)

    def handle(self, *args, days: int, **options):
        count = cleanup_stale_applications(days=days)  # a plain call: runs here, now
        self.stdout.write(f"Rejected {count} stale applications.")
