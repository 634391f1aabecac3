from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import models


# --8<-- [start:json-model]
class Listing(models.Model):
    title = models.CharField(max_length=120)
    # jsonb on PostgreSQL; a text column on SQLite, whose JSON1 functions (built in since
    # SQLite 3.38) answer the same key lookups.
    details = models.JSONField(default=dict, blank=True)
# --8<-- [end:json-model]


# --8<-- [start:search-model]
class Article(models.Model):
    title = models.CharField(max_length=200)
    body = models.TextField()

    class Meta:
        indexes = [
            # An expression index: it matches queries that use the same SearchVector.
            GinIndex(SearchVector("title", "body", config="english"), name="article_search_idx"),
        ]
# --8<-- [end:search-model]
        # PostgreSQL only (a GIN index cannot exist on SQLite): the services test creates the
        # table itself, so the recipes' SQLite runs leave it out. Your model has no such line.
        managed = False
