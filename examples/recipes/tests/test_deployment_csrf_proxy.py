"""docs/troubleshooting/tls.md: a form POST behind a proxy that ends HTTPS. The browser sends
`Origin: https://...`; Django compares it with the scheme it sees. Without the recipe's HTTPS
settings (docs/howto/deployment.md) the request looks like plain HTTP and the CSRF check refuses
it; with them, and nginx's X-Forwarded-Proto, the same POST is accepted."""
import logging

from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.test import Client, override_settings
from django.urls import path

from cookbook.deploy import https_settings as recipe

HTTPS = {name: getattr(recipe, name) for name in dir(recipe) if name.isupper()}


def form(request):
    if request.method == "POST":
        return HttpResponse("saved")
    return HttpResponse(get_token(request))


urlpatterns = [path("form/", form)]


def post_behind_proxy(forwarded_proto: str | None) -> int:
    """GET the form (cookie and token), then POST it as a browser on https://jobs.example.com."""
    client = Client(enforce_csrf_checks=True, HTTP_HOST="jobs.example.com")
    extra = {"HTTP_X_FORWARDED_PROTO": forwarded_proto} if forwarded_proto else {}
    token = client.get("/form/", **extra).content.decode()
    response = client.post("/form/", {"csrfmiddlewaretoken": token},
                           HTTP_ORIGIN="https://jobs.example.com", **extra)
    return response.status_code


def test_csrf_fails_when_django_does_not_know_the_proxy_used_https(caplog):
    with override_settings(ROOT_URLCONF=__name__, ALLOWED_HOSTS=["jobs.example.com"]):
        with caplog.at_level(logging.WARNING, logger="django.security.csrf"):
            assert post_behind_proxy(None) == 403
    assert "Origin checking failed - https://jobs.example.com does not match any trusted origins." in caplog.text


def test_csrf_passes_with_the_recipe_https_settings_and_the_proxy_header():
    settings = {**HTTPS, "CSRF_TRUSTED_ORIGINS": []}   # the proxy header alone is enough
    with override_settings(ROOT_URLCONF=__name__, ALLOWED_HOSTS=["jobs.example.com"], **settings):
        assert post_behind_proxy("https") == 200
