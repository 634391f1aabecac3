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
