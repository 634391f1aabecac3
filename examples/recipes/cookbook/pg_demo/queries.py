"""The PostgreSQL recipes' queries (docs/howto/postgresql.md)."""
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

from .models import Article, Listing


# --8<-- [start:json-queries]
def remote_listings():
    """A key inside the JSON: details->'remote' = true."""
    return Listing.objects.filter(details__remote=True)


def listings_in_city(city):
    """Nested keys with __, and text lookups on the value (case-insensitive here)."""
    return Listing.objects.filter(details__location__city__iexact=city)


def listings_with_key(key):
    return Listing.objects.filter(details__has_key=key)


def listings_paying_at_least(amount):
    """Numbers compare as numbers when the JSON value is a number."""
    return Listing.objects.filter(details__salary__gte=amount)
# --8<-- [end:json-queries]


# --8<-- [start:json-contains]
def listings_with_skills(*skills):
    """PostgreSQL (and MySQL, MariaDB): does the document contain this piece? Not on SQLite."""
    return Listing.objects.filter(details__contains={"skills": list(skills)})
# --8<-- [end:json-contains]


# --8<-- [start:search]
def search_articles(text):
    vector = SearchVector("title", "body", config="english")   # same expression as the index
    query = SearchQuery(text, config="english", search_type="websearch")  # "a -b", "\"a b\""
    return (Article.objects
            .annotate(search=vector, rank=SearchRank(vector, query))
            .filter(search=query)
            .order_by("-rank"))
# --8<-- [end:search]
