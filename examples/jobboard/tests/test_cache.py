"""Cache-aside job list: hits, misses, TTL and invalidation by signals."""
import pytest

from jobs.cache import cache_stats, get_job_list, invalidate_job_list
from jobs.models import Company, Job

pytestmark = pytest.mark.django_db


# --8<-- [start:test-cache-hit-miss]
def test_job_list_cache_hit_miss_and_invalidation(anon, job):
    anon.get("/api/jobs/")  # miss: built from the database, then stored
    anon.get("/api/jobs/")  # hit: served from the cache
    assert cache_stats() == {"hits": 1, "misses": 1}

    Job.objects.create(company=job.company, title="New job", description="d")  # post_save

    body = anon.get("/api/jobs/").json()  # the signal bumped the version: miss
    assert cache_stats() == {"hits": 1, "misses": 2}
    assert body["count"] == 2  # fresh data, not the stale cached page
# --8<-- [end:test-cache-hit-miss]


def test_cached_page_served_without_queries(anon, job, django_assert_num_queries):
    anon.get("/api/jobs/")
    with django_assert_num_queries(0):
        assert anon.get("/api/jobs/").status_code == 200


def test_different_query_strings_are_cached_separately(anon, job):
    anon.get("/api/jobs/?search=django")
    anon.get("/api/jobs/?search=python")
    assert cache_stats() == {"hits": 0, "misses": 2}


def test_delete_and_company_change_invalidate(anon, job):
    anon.get("/api/jobs/")
    Company.objects.filter(pk=job.company_id).first().save()  # post_save on Company
    anon.get("/api/jobs/")
    job.delete()  # post_delete on Job
    assert anon.get("/api/jobs/").json()["count"] == 0
    assert cache_stats()["misses"] == 3


def test_authenticated_lists_bypass_the_cache(recruiter_client, job):
    recruiter_client.get("/api/jobs/")
    recruiter_client.get("/api/jobs/")
    assert cache_stats() == {"hits": 0, "misses": 0}


def test_get_job_list_uses_ttl_from_settings(settings, monkeypatch):
    settings.JOB_LIST_CACHE_TTL = 7
    seen = {}

    from django.core.cache import cache

    original_set = cache.set

    def spy(key, value, timeout=None, **kwargs):
        seen[key] = timeout
        return original_set(key, value, timeout, **kwargs)

    monkeypatch.setattr(cache, "set", spy)
    calls = []
    assert get_job_list("/x", lambda: calls.append(1) or ["built"]) == ["built"]
    assert get_job_list("/x", lambda: calls.append(1) or ["again"]) == ["built"]
    assert calls == [1]
    assert list(seen.values()) == [7]
    invalidate_job_list()
    assert get_job_list("/x", lambda: ["rebuilt"]) == ["rebuilt"]
