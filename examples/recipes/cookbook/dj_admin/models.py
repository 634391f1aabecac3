from django.db import models


class Company(models.Model):
    name = models.CharField(max_length=100)

    def __str__(self):
        return self.name


class Skill(models.Model):
    name = models.CharField(max_length=40)

    def __str__(self):
        return self.name


class Posting(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    title = models.CharField(max_length=120)
    company = models.ForeignKey(Company, on_delete=models.CASCADE, related_name="postings")
    skills = models.ManyToManyField(Skill, blank=True)
    status = models.CharField(max_length=10, choices=Status, default=Status.OPEN)
    # --8<-- [start:created]
    created = models.DateTimeField(auto_now_add=True)  # editable=False: only readonly_fields can show it
    # --8<-- [end:created]

    def __str__(self):
        return self.title
