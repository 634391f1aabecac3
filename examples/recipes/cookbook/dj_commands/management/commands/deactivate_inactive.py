"""python manage.py deactivate_inactive --days 90 [--dry-run]  (docs/howto/django.md)"""
# --8<-- [start:command]
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone


class Command(BaseCommand):
    help = "Deactivate accounts that have not logged in for DAYS days."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=90, help="days without a login")
        parser.add_argument("--dry-run", action="store_true", help="only count, change nothing")

    def handle(self, *args, **options):
        days = options["days"]
        if days < 1:
            raise CommandError("--days must be at least 1")
        cutoff = timezone.now() - timedelta(days=days)
        stale = get_user_model().objects.filter(is_active=True, last_login__lt=cutoff)
        if options["dry_run"]:
            self.stdout.write(f"Would deactivate {stale.count()} account(s).")
            return
        changed = stale.update(is_active=False)
        self.stdout.write(self.style.SUCCESS(f"Deactivated {changed} account(s)."))
# --8<-- [end:command]
