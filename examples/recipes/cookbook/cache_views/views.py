import time

import hashlib

from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.decorators import method_decorator
from django.views.decorators.cache import cache_control, cache_page
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.http import etag
from django.views.decorators.vary import vary_on_cookie, vary_on_headers
from rest_framework.authentication import BasicAuthentication, SessionAuthentication
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

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


# --8<-- [start:csrf]
@cache_page(60)
def contact_unsafe(request):
    # The page shows {% csrf_token %}: cached like this, every visitor gets the first
    # visitor's token and no csrftoken cookie, so their POST fails with 403.
    RENDERS["count"] += 1
    return render(request, "cache_views/contact.html")


@cache_page(60)
@csrf_protect  # sets the cookie and "Vary: Cookie" before cache_page stores the page
def contact(request):
    RENDERS["count"] += 1
    if request.method == "POST":
        return JsonResponse({"sent": True})
    return render(request, "cache_views/contact.html")
# --8<-- [end:csrf]


# --8<-- [start:etag]
def article_etag(request, pk):
    """A cheap fingerprint of what the view would return: one small query."""
    title = Article.objects.filter(pk=pk).values_list("title", flat=True).first()
    return hashlib.sha256(title.encode()).hexdigest() if title is not None else None


@etag(article_etag)  # If-None-Match equal to this ETag: 304, and the view never runs
def article_detail(request, pk):
    RENDERS["count"] += 1
    article = get_object_or_404(Article, pk=pk)
    return JsonResponse({"id": article.pk, "title": article.title})


class ArticleDetailAPI(APIView):
    @method_decorator(etag(article_etag))  # DRF: decorate the handler, as with cache_page
    def get(self, request, pk):
        RENDERS["count"] += 1
        article = get_object_or_404(Article, pk=pk)
        return Response({"id": article.pk, "title": article.title})
# --8<-- [end:etag]


# --8<-- [start:per-user-api]
class MyProfileAPI(APIView):
    """A per-user API response, cached once per Authorization header (token or Basic)."""
    authentication_classes = [BasicAuthentication]   # in your project: TokenAuthentication
    permission_classes = [IsAuthenticated]

    @method_decorator(cache_page(60))                     # outer: runs after DRF's auth checks
    @method_decorator(vary_on_headers("Authorization"))  # inner: sets Vary before the cache stores
    def get(self, request):
        RENDERS["count"] += 1
        return Response({"username": request.user.username})


class MyProfileLeakyAPI(APIView):
    """No vary_on_headers: safe for Authorization (Django 5.2.19 varies on it by itself), but
    with session login the first user's response is served to every other user."""
    authentication_classes = [BasicAuthentication, SessionAuthentication]
    permission_classes = [IsAuthenticated]

    @method_decorator(cache_page(60))
    def get(self, request):
        RENDERS["count"] += 1
        return Response({"username": request.user.username})
# --8<-- [end:per-user-api]
