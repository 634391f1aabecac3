"""Caching recipes (docs/howto/caching.md) on Django's default LocMem cache.

The cache API is the same on Redis (django-redis or Django's RedisCache): these tests prove the
recipes' logic; the Redis recipes in test_redis.py run against a real server.
"""
import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.core.cache.utils import make_template_fragment_key

from cookbook.cache_views import cache as low_level
from cookbook.cache_views import views
from cookbook.cache_views.models import Article

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    views.RENDERS["count"] = 0
    yield
    cache.clear()


# --- docs/howto/caching.md#caching-cache-page ------------------------------------------------
def test_cache_page_serves_the_second_request_from_the_cache(client):
    Article.objects.create(title="First")
    first = client.get("/cache_views/articles/")
    second = client.get("/cache_views/articles/")
    assert views.RENDERS["count"] == 1                    # the view ran once
    assert first.json() == second.json()
    assert "max-age=60" in second["Cache-Control"]        # cache_page also sets the header
    client.get("/cache_views/articles/?page=2")           # another URL, another cache entry
    assert views.RENDERS["count"] == 2


def test_cache_page_stores_nothing_marked_private(client):
    client.get("/cache_views/private/")
    response = client.get("/cache_views/private/")
    assert views.RENDERS["count"] == 2                    # rendered twice: never cached
    assert "private" in response["Cache-Control"]


def test_vary_on_cookie_keeps_users_apart(client, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast, tests only
    User.objects.create_user("abebe", password="pw-12345")
    client.get("/cache_views/dashboard/")
    assert client.get("/cache_views/dashboard/").json() == {"hello": "guest"}
    client.login(username="abebe", password="pw-12345")  # new session cookie
    assert client.get("/cache_views/dashboard/").json() == {"hello": "abebe"}
    assert views.RENDERS["count"] == 2


def test_cache_page_in_the_urlconf(client):
    client.get("/cache_views/sidebar/")
    client.get("/cache_views/sidebar/")
    assert views.RENDERS["count"] == 1
    client.get("/cache_views/sidebar-live/")              # same view, not cached
    client.get("/cache_views/sidebar-live/")
    assert views.RENDERS["count"] == 3


# --- docs/howto/caching.md#caching-template-fragment -----------------------------------------
def test_fragment_is_cached_until_its_key_is_deleted(client):
    Article.objects.create(title="Old title")
    assert "Old title" in client.get("/cache_views/sidebar-live/").content.decode()
    Article.objects.all().update(title="New title")       # update(): no signal, fragment stays
    assert "Old title" in client.get("/cache_views/sidebar-live/").content.decode()
    # --8<-- [start:fragment-invalidate]
    key = make_template_fragment_key("sidebar", [""])     # vary-on values, here: anonymous
    cache.delete(key)
    # --8<-- [end:fragment-invalidate]
    assert "New title" in client.get("/cache_views/sidebar-live/").content.decode()


# --- docs/howto/caching.md#caching-low-level-api ---------------------------------------------
def test_get_or_set_hits_the_database_once(django_assert_num_queries):
    Article.objects.create(title="A")
    with django_assert_num_queries(1):
        assert low_level.published_titles() == ["A"]
        assert low_level.published_titles() == ["A"]     # second call: from the cache


def test_timeouts_none_and_zero():
    cache.set("forever", 1, timeout=None)
    cache.set("not-cached", 1, timeout=0)
    assert cache.get("forever") == 1
    assert cache.get("not-cached") is None


def test_add_only_writes_missing_keys_and_incr_counts():
    assert cache.add("lock", "first") is True
    assert cache.add("lock", "second") is False
    assert cache.get("lock") == "first"
    assert [low_level.count_view(1) for _ in range(3)] == [1, 2, 3]
    with pytest.raises(ValueError):
        cache.incr("missing-key")                         # incr() needs an existing key


# --- docs/howto/caching.md#caching-invalidate ------------------------------------------------
def test_saving_an_article_invalidates_the_list(django_assert_num_queries):
    article = Article.objects.create(title="Draft")
    assert low_level.published_titles() == ["Draft"]
    article.title = "Final"
    article.save()                                        # post_save -> invalidate_articles()
    assert low_level.published_titles() == ["Final"]


def test_bulk_update_needs_a_manual_invalidation():
    Article.objects.create(title="Before")
    assert low_level.published_titles() == ["Before"]
    Article.objects.update(title="After")                 # no post_save signal
    assert low_level.published_titles() == ["Before"]    # stale until...
    low_level.invalidate_articles()
    assert low_level.published_titles() == ["After"]


def test_version_key_evicted_starts_again():
    low_level.articles_version()
    cache.delete(low_level.VERSION_KEY)
    low_level.invalidate_articles()
    assert low_level.articles_version() == 2
