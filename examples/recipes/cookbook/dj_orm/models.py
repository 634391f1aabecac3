from django.db import models
from django.utils import timezone


class Company(models.Model):
    name = models.CharField(max_length=100, unique=True)

    def __str__(self):
        return self.name


# --8<-- [start:models]
class Opening(models.Model):
    class Status(models.TextChoices):
        OPEN = "open"
        CLOSED = "closed"

    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="openings")
    title = models.CharField(max_length=120)
    city = models.CharField(max_length=60)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    salary = models.DecimalField(max_digits=10, decimal_places=2)
    views = models.PositiveIntegerField(default=0)
    posted_at = models.DateTimeField(default=timezone.now)  # the function, not timezone.now()

    class Meta:
        indexes = [models.Index(fields=["city", "status"], name="opening_city_status_idx")]
# --8<-- [end:models]

    # --8<-- [start:str]
    def __str__(self):
        """What the admin, the shell and {{ opening }} in a template show."""
        return f"{self.title} ({self.get_status_display()})"
    # --8<-- [end:str]


class Hire(models.Model):
    """A row written together with closing an opening (the transaction recipe)."""
    opening = models.OneToOneField(Opening, on_delete=models.CASCADE)
    person = models.CharField(max_length=100)


# --8<-- [start:inheritance]
class Stamped(models.Model):
    """Abstract base class: no table of its own. Each child copies these columns into its table."""
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class Posting(Stamped):
    """An ordinary model: one table with id, created_at, updated_at, title and is_remote."""
    title = models.CharField(max_length=120)
    is_remote = models.BooleanField(default=False)


class Internship(Posting):
    """Multi-table inheritance: a second table holding only stipend, plus posting_ptr_id, a
    one-to-one key to its Posting row. Every read joins the two tables."""
    stipend = models.DecimalField(max_digits=8, decimal_places=2)


class RemotePostingManager(models.Manager):
    def get_queryset(self):
        return super().get_queryset().filter(is_remote=True)


class RemotePosting(Posting):
    """Proxy model: Posting's own table, with other Python behaviour (manager, ordering)."""
    objects = RemotePostingManager()

    class Meta:
        proxy = True
        ordering = ["title"]
# --8<-- [end:inheritance]


# --8<-- [start:protect]
class Applicant(models.Model):
    """on_delete=PROTECT: an opening that still has applicants cannot be deleted."""
    opening = models.ForeignKey(Opening, on_delete=models.PROTECT, related_name="applicants")
    name = models.CharField(max_length=100)

    def __str__(self):
        return self.name
# --8<-- [end:protect]
