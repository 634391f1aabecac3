import time

from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control, cache_page
from django.views.decorators.vary import vary_on_cookie

from .cache import published_titles
from .models import Article

RENDERS = {"count": 0}


# --8<-- [start:cache-page]
@cache_page(60)  # seconds; the key is the full URL (and headers named in Vary)
def article_list(request):
    RENDERS["count"] += 1
    return JsonResponse({"titles": published_titles(), "rendered_at": time.time()})


@cache_page(60)
@vary_on_cookie  # one cached copy per session cookie: safe for logged-in pages
def my_dashboard(request):
    RENDERS["count"] += 1
    name = request.user.username if request.user.is_authenticated else "guest"
    return JsonResponse({"hello": name})
# --8<-- [end:cache-page]


def sidebar_page(request):
    RENDERS["count"] += 1
    # A callable: the query runs only when the fragment is not in the cache.
    titles = lambda: list(Article.objects.values_list("title", flat=True))  # noqa: E731
    return render(request, "cache_views/sidebar.html", {"titles": titles})


# --8<-- [start:private]
@cache_page(60)
@cache_control(private=True)  # runs first: cache_page then sees "private" and stores nothing
def private_page(request):
    RENDERS["count"] += 1
    return JsonResponse({"rendered_at": time.time()})
# --8<-- [end:private]
