from django.contrib.auth.models import AbstractUser
from django.db import models


# --8<-- [start:user-model]
class User(AbstractUser):
    """A Job Board user: either a recruiter (posts jobs) or an applicant (applies).

    Declare a custom user model at the very start of a project and point
    AUTH_USER_MODEL at it; swapping it after the first migration is painful.
    """

    class Role(models.TextChoices):
        RECRUITER = "recruiter", "Recruiter"
        APPLICANT = "applicant", "Applicant"

    email = models.EmailField(unique=True)
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.APPLICANT)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(role__in=["recruiter", "applicant"]),
                name="user_role_valid",
            ),
        ]

    @property
    def is_recruiter(self) -> bool:
        return self.role == self.Role.RECRUITER

    @property
    def is_applicant(self) -> bool:
        return self.role == self.Role.APPLICANT
# --8<-- [end:user-model]
