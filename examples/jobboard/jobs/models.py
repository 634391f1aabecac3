from django.conf import settings
from django.db import models
from django.utils.text import slugify


# --8<-- [start:company-model]
class Company(models.Model):
    """An employer. The recruiter who creates it is its owner."""

    name = models.CharField(max_length=120, unique=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="companies"
    )
    website = models.URLField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "companies"

    def __str__(self) -> str:
        return self.name
# --8<-- [end:company-model]


# The highest salary a job may state: one declaration, read by the serializer (so by the contract)
# and by the salary filters of the job list.
SALARY_LIMIT = 10_000_000


class EmploymentType(models.TextChoices):
    FULL_TIME = "full_time", "Full time"
    PART_TIME = "part_time", "Part time"
    CONTRACT = "contract", "Contract"
    INTERNSHIP = "internship", "Internship"


class JobQuerySet(models.QuerySet):
    def visible_to(self, user) -> "JobQuerySet":
        """Open and closed jobs, plus the drafts of the user's own companies. Every lookup of a
        job by id goes through this, so another company's draft answers exactly like a job that
        does not exist (REST, GraphQL, applications and payments alike)."""
        if user is not None and user.is_authenticated:
            return self.filter(~models.Q(status=Job.Status.DRAFT) | models.Q(company__owner=user))
        return self.exclude(status=Job.Status.DRAFT)


# --8<-- [start:job-model]
class Job(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="jobs")
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=220, blank=True, db_index=True)  # filled by 0002
    description = models.TextField()
    location = models.CharField(max_length=120, blank=True)
    is_remote = models.BooleanField(default=False)
    employment_type = models.CharField(
        max_length=20, choices=EmploymentType.choices, default=EmploymentType.FULL_TIME
    )
    salary_min = models.PositiveIntegerField(null=True, blank=True)
    salary_max = models.PositiveIntegerField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(null=True, blank=True)

    objects = JobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            # Serves the most common query: open jobs, newest first.
            models.Index(fields=["status", "-created_at"], name="job_status_created_idx"),
        ]
        constraints = [
            # The database refuses an upside-down range, whatever the code does.
            models.CheckConstraint(
                condition=models.Q(salary_min__isnull=True) | models.Q(salary_max__isnull=True)
                | models.Q(salary_min__lte=models.F("salary_max")),
                name="job_salary_min_lte_max",
            ),
        ]
    # --8<-- [end:job-model]

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        if not self.slug:  # the slug contains the id, so it is unique by construction
            self.slug = f"{slugify(self.title)[:200]}-{self.pk}"
            super().save(update_fields=["slug"])

    def __str__(self) -> str:
        return f"{self.title} at {self.company}"


# --8<-- [start:application-model]
class Application(models.Model):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", "Submitted"
        REVIEWING = "reviewing", "Reviewing"
        REJECTED = "rejected", "Rejected"
        ACCEPTED = "accepted", "Accepted"

    job = models.ForeignKey(Job, on_delete=models.CASCADE, related_name="applications")
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="applications"
    )
    cover_letter = models.TextField(blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.SUBMITTED)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            # One application per applicant per job, enforced by the database.
            models.UniqueConstraint(fields=["job", "applicant"], name="unique_application_per_job"),
        ]
        indexes = [models.Index(fields=["applicant", "status"], name="application_applicant_idx")]

    def __str__(self) -> str:
        return f"{self.applicant} -> {self.job}"
# --8<-- [end:application-model]
