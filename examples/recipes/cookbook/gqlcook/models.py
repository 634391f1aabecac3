"""Models for the GraphQL recipes (docs/howto/graphql.md)."""
from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models


class Author(models.Model):
    name = models.CharField(max_length=100)


class Book(models.Model):
    title = models.CharField(max_length=200)
    pages = models.PositiveIntegerField(validators=[MinValueValidator(1)])
    author = models.ForeignKey(Author, on_delete=models.CASCADE, related_name="books")
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="cookbook_books")

    class Meta:
        ordering = ["id"]  # connections and pages need a stable order
