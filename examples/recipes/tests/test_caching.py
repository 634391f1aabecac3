"""Caching recipes (docs/howto/caching.md) on Django's default LocMem cache.

The cache API is the same on Redis (django-redis or Django's RedisCache): these tests prove the
recipes' logic; the Redis recipes in test_redis.py run against a real server.
"""
import catalogue   # examples/errors (pytest.ini's pythonpath)
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


# --- docs/troubleshooting/redis.md#redis-cache-page-csrf --------------------------------------
def test_cache_page_serves_one_csrf_token_to_everyone(caplog):
    from django.test import Client

    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first.get("/cache_views/contact-unsafe/")               # stored, with first's token in it
    page = second.get("/cache_views/contact-unsafe/")        # from the cache
    assert views.RENDERS["count"] == 1
    assert "csrftoken" not in page.cookies                   # no cookie for the second visitor
    token = page.content.decode().split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    sent = second.post("/cache_views/contact-unsafe/", {"csrfmiddlewaretoken": token})
    assert sent.status_code == 403
    assert b"CSRF verification failed" in sent.content
    assert "Forbidden (CSRF cookie not set.)" in caplog.text


def test_csrf_protect_under_cache_page_keeps_forms_working():
    from django.test import Client

    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first.get("/cache_views/contact/")
    page = second.get("/cache_views/contact/")
    assert "csrftoken" in page.cookies                       # a cookie for each new visitor
    assert "Cookie" in page["Vary"]                          # and one cached copy per cookie
    token = page.content.decode().split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    sent = second.post("/cache_views/contact/", {"csrfmiddlewaretoken": token})
    assert sent.status_code == 200
    # Django 5.2 never stores a response that sets a cookie and varies on Cookie, and the CSRF
    # cookie is sent again with every page that uses the token: this page is not cached at all.
    assert views.RENDERS["count"] == 3                       # two GETs and the POST all ran
    assert "max-age" not in page.get("Cache-Control", "")


# --- docs/troubleshooting/redis.md#redis-content-not-rendered ---------------------------------
def test_caching_an_unrendered_drf_response():
    from rest_framework.response import Response

    errors = catalogue
    with pytest.raises(Exception) as raised:
        cache.set("articles:api", Response({"titles": ["A"]}), 60)   # pickles an unrendered response
    errors.assert_reproduces(errors.printed(raised.value), "redis/content-not-rendered")
    # --8<-- [start:cache-data]
    data = {"titles": ["A"]}                     # cache the data (or response.data)...
    cache.set("articles:api", data, 60)
    response = Response(cache.get("articles:api"))   # ...and build a new Response on a hit
    # --8<-- [end:cache-data]
    assert response.data == data


# --- docs/howto/caching.md#caching-etag ----------------------------------------------------------
def test_etag_answers_304_without_running_the_view(client):
    article = Article.objects.create(title="First")
    first = client.get(f"/cache_views/articles/{article.pk}/")
    assert first.status_code == 200 and first.has_header("ETag")
    again = client.get(f"/cache_views/articles/{article.pk}/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again.content == b""
    assert views.RENDERS["count"] == 1                        # the view did not run for the 304
    Article.objects.filter(pk=article.pk).update(title="Second")
    changed = client.get(f"/cache_views/articles/{article.pk}/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 200 and changed.json()["title"] == "Second"


def test_etag_on_a_drf_view(client):
    article = Article.objects.create(title="First")
    first = client.get(f"/cache_views/api/articles/{article.pk}/")
    assert first.status_code == 200 and first.has_header("ETag")
    again = client.get(f"/cache_views/api/articles/{article.pk}/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304
    assert views.RENDERS["count"] == 1


# --- docs/howto/caching.md#caching-stampede-lock -----------------------------------------------
def test_only_one_of_twenty_concurrent_misses_rebuilds():
    import threading
    import time

    builds, guard = [], threading.Lock()

    def slow_query():                       # stands for the expensive query
        with guard:
            builds.append(1)
        time.sleep(0.3)
        return ["A", "B"]

    results, barrier = [], threading.Barrier(20)

    def request():
        barrier.wait()                      # 20 requests miss at the same moment
        results.append(low_level.get_or_build_once("articles:hot", slow_query))

    threads = [threading.Thread(target=request) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(builds) == 1                 # get_or_set() would have run it up to 20 times
    assert results == [["A", "B"]] * 20


def test_get_or_set_alone_lets_every_miss_rebuild():
    import threading
    import time

    builds, guard = [], threading.Lock()

    def slow_query():
        with guard:
            builds.append(1)
        time.sleep(0.3)
        return ["A"]

    barrier = threading.Barrier(5)

    def request():
        barrier.wait()
        cache.get_or_set("articles:hot-plain", slow_query, 300)

    threads = [threading.Thread(target=request) for _ in range(5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(builds) == 5


# --- docs/howto/caching.md#caching-per-user ----------------------------------------------------
def _basic(username):
    import base64
    return "Basic " + base64.b64encode(f"{username}:pw-12345".encode()).decode()


def test_vary_on_authorization_keeps_api_users_apart(client, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    for name in ("abebe", "chiamaka"):
        User.objects.create_user(name, password="pw-12345")
    first = client.get("/cache_views/api/me/", HTTP_AUTHORIZATION=_basic("abebe"))
    assert first.json() == {"username": "abebe"} and "Authorization" in first["Vary"]
    other = client.get("/cache_views/api/me/", HTTP_AUTHORIZATION=_basic("chiamaka"))
    assert other.json() == {"username": "chiamaka"}
    again = client.get("/cache_views/api/me/", HTTP_AUTHORIZATION=_basic("abebe"))
    assert again.json() == {"username": "abebe"}
    assert views.RENDERS["count"] == 2                    # the third answer came from the cache
    assert client.get("/cache_views/api/me/").status_code in (401, 403)  # no token: no cached copy


def test_without_vary_django_still_varies_on_authorization(client, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    for name in ("abebe", "chiamaka"):
        User.objects.create_user(name, password="pw-12345")
    first = client.get("/cache_views/api/me-leaky/", HTTP_AUTHORIZATION=_basic("abebe"))
    assert "Authorization" in first["Vary"]               # added by cache_page (Django 5.2.19)
    other = client.get("/cache_views/api/me-leaky/", HTTP_AUTHORIZATION=_basic("chiamaka"))
    assert other.json() == {"username": "chiamaka"}


def test_without_vary_on_cookie_a_session_users_response_leaks(client, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    for name in ("abebe", "chiamaka"):
        User.objects.create_user(name, password="pw-12345")
    client.login(username="abebe", password="pw-12345")
    assert client.get("/cache_views/api/me-leaky/").json() == {"username": "abebe"}
    client.logout()
    client.login(username="chiamaka", password="pw-12345")
    leaked = client.get("/cache_views/api/me-leaky/")
    assert leaked.json() == {"username": "abebe"}         # chiamaka is shown abebe's data


def test_per_user_keys_in_the_low_level_cache(django_assert_num_queries):
    abebe = User.objects.create_user("abebe")
    chiamaka = User.objects.create_user("chiamaka")
    assert low_level.dashboard_data(abebe)["user"] == "abebe"
    assert low_level.dashboard_data(chiamaka)["user"] == "chiamaka"
    with django_assert_num_queries(0):
        assert low_level.dashboard_data(abebe)["user"] == "abebe"
