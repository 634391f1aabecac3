"""python manage.py seed - demo data you can run again and again."""
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from jobs.models import Application, Company, Job

User = get_user_model()

DEMO_PASSWORD = "nexus-demo-pass-2025"  # demo accounts only; never reuse in production

USERS = [
    ("rita", "rita@nexus.example", "recruiter"),
    ("ravi", "ravi@nexus.example", "recruiter"),
    ("abel", "abel@nexus.example", "applicant"),
    ("hana", "hana@nexus.example", "applicant"),
    ("sami", "sami@nexus.example", "applicant"),
]
COMPANIES = [("Acacia Labs", "rita", "https://acacia.example"), ("Blue Nile Data", "ravi", "")]
JOBS = [
    ("Acacia Labs", "Junior Django Developer", "Addis Ababa", 30000, 45000, "open"),
    ("Acacia Labs", "Backend Engineer (Python)", "Remote", 50000, 80000, "open"),
    ("Acacia Labs", "DevOps Intern", "Nairobi", 10000, 15000, "closed"),
    ("Blue Nile Data", "Data Engineer", "Kigali", 60000, 90000, "open"),
    ("Blue Nile Data", "API Technical Writer", "Remote", 35000, 50000, "open"),
    ("Blue Nile Data", "Site Reliability Engineer", "Lagos", 70000, 100000, "draft"),
]
APPLICATIONS = [("abel", "Junior Django Developer"), ("hana", "Data Engineer"),
                ("sami", "Backend Engineer (Python)")]


# --8<-- [start:seed-command]
class Command(BaseCommand):
    help = "Create demo users, companies, jobs and applications (safe to run twice)."

    @transaction.atomic  # all or nothing
    def handle(self, *args, **options):
        new = 0
        users, companies, jobs = {}, {}, {}
        for username, email, role in USERS:
            # get_or_create looks the row up by its natural key first;
            # `defaults` are used only when it has to create the row.
            user, created = User.objects.get_or_create(
                username=username, defaults={"email": email, "role": role})
            if created:
                user.set_password(DEMO_PASSWORD)
                user.save(update_fields=["password"])
            users[username], new = user, new + created
        for name, owner, website in COMPANIES:
            # update_or_create also refreshes fields that changed in the seed data.
            companies[name], created = Company.objects.update_or_create(
                name=name, defaults={"owner": users[owner], "website": website})
            new += created
        for company, title, location, low, high, status in JOBS:
            # (company, title) is not unique in the database (a company may post the
            # same title twice); it is unique in JOBS, and one seeder runs at a time.
            jobs[title], created = Job.objects.update_or_create(
                company=companies[company], title=title,
                defaults={"location": location, "is_remote": location == "Remote",
                          "salary_min": low, "salary_max": high, "status": status,
                          "description": f"{title} at {company}. Python, Django and SQL."})
            new += created
        for username, title in APPLICATIONS:
            _, created = Application.objects.get_or_create(
                job=jobs[title], applicant=users[username],
                defaults={"cover_letter": "I would love to join your team."})
            new += created
        self.stdout.write(self.style.SUCCESS(f"Seed complete: {new} new rows."))
# --8<-- [end:seed-command]
