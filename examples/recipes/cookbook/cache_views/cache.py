"""Low-level cache API recipes: get_or_set, add, incr and versioned keys."""
import time

from django.core.cache import cache

from .models import Article


# --8<-- [start:get-or-set]
def published_titles():
    """The list of published titles, from the cache or the database."""
    key = f"articles:titles:v{articles_version()}"
    return cache.get_or_set(
        key,
        lambda: list(Article.objects.filter(published=True).values_list("title", flat=True)),
        timeout=300,  # seconds; None means "never expire", 0 means "don't cache"
    )
# --8<-- [end:get-or-set]


# --8<-- [start:version]
VERSION_KEY = "articles:version"


def articles_version():
    cache.add(VERSION_KEY, 1, timeout=None)  # add() only writes if the key is missing
    return cache.get(VERSION_KEY, 1)


def invalidate_articles():
    """Every key that contains the old version number is now unreachable."""
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # the version key was evicted: start again
        cache.set(VERSION_KEY, 2, timeout=None)
# --8<-- [end:version]


# --8<-- [start:counter]
def count_view(article_id):
    """An atomic counter: add() creates it once, incr() adds 1 in one step."""
    key = f"articles:{article_id}:views"
    cache.add(key, 0, timeout=None)
    return cache.incr(key)
# --8<-- [end:counter]


# --8<-- [start:lock]
def get_or_build_once(key, build, timeout=300, lock_timeout=30):
    """Read through the cache; only one caller at a time runs build() for a missing key."""
    value = cache.get(key)
    if value is not None:
        return value
    if cache.add(f"{key}:lock", 1, timeout=lock_timeout):  # add() succeeds for one caller only
        try:
            value = build()
            cache.set(key, value, timeout)
        finally:
            cache.delete(f"{key}:lock")
        return value
    deadline = time.monotonic() + lock_timeout
    while time.monotonic() < deadline:                     # the others wait for the winner...
        time.sleep(0.05)
        value = cache.get(key)
        if value is not None:
            return value
    return build()                                         # ...or, if it died, build it themselves
# --8<-- [end:lock]


# --8<-- [start:per-user]
def dashboard_data(user):
    """Per-user data: the user's id is in the key, so nobody is served another user's copy."""
    key = f"dashboard:user:{user.pk}"          # never a shared key such as "dashboard"
    return cache.get_or_set(
        key,
        lambda: {"user": user.username, "articles": Article.objects.count()},
        timeout=60,
    )
# --8<-- [end:per-user]
