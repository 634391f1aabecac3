"""Runs the code of docs/howto/django.md (and the Django symptom entries of the catalogue)."""
import importlib
import logging
import logging.config
import re
from io import StringIO

import pytest
from django.conf import settings
from django.contrib.auth import authenticate, get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models.signals import post_save
from django.test import Client, override_settings
from django.urls import clear_url_caches
from django.utils import timezone
from django.utils.log import configure_logging

from cookbook.dj_auth import settings_auth
from cookbook.dj_errorpages import settings_templates
from cookbook.dj_forms.models import Subscriber
from cookbook.dj_logging.settings_logging import LOGGING
from cookbook.dj_signals.models import Profile
from cookbook.dj_static import settings_whitenoise as wn
from cookbook.dj_uploads.models import Document

User = get_user_model()


def body(response):
    """The text of a response, streamed (WhiteNoise, FileResponse) or not."""
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


# --- Static files with DEBUG off: WhiteNoise ------------------------------------------------

@pytest.fixture
def collected(tmp_path):
    """collectstatic into a fresh STATIC_ROOT, with the recipe's storage."""
    with override_settings(DEBUG=False, STATIC_ROOT=tmp_path / "staticfiles", STORAGES=wn.STORAGES):
        call_command("collectstatic", "--noinput", verbosity=0)
        yield tmp_path / "staticfiles"


def test_whitenoise_serves_static_with_debug_off(collected):
    with override_settings(MIDDLEWARE=wn.MIDDLEWARE):
        client = Client()
        page = client.get("/dj_static/")
        assert page.status_code == 200
        href = re.search(r'href="(/static/dj_static/site\.[0-9a-f]{12}\.css)"', body(page)).group(1)
        css = client.get(href)
        assert css.status_code == 200
        assert "font-family" in body(css)
        # A hashed name never changes content, so browsers may keep it for ever.
        assert css["Cache-Control"] == "max-age=315360000, public, immutable"
        gzipped = client.get(href, HTTP_ACCEPT_ENCODING="gzip")
        assert gzipped["Content-Encoding"] == "gzip"


def test_admin_css_is_served_by_whitenoise(collected):
    """The admin-has-no-CSS symptom: the admin's stylesheet answers 200 once collected."""
    assert (collected / "admin" / "css" / "base.css").is_file()
    with override_settings(MIDDLEWARE=wn.MIDDLEWARE):
        response = Client().get("/static/admin/css/base.css")
        assert response.status_code == 200


def test_without_whitenoise_static_files_are_404_when_debug_is_off(collected):
    """The symptom: DEBUG off and nothing that serves /static/, so every file is a 404."""
    without = [m for m in wn.MIDDLEWARE if "whitenoise" not in m]
    with override_settings(MIDDLEWARE=without):
        assert Client().get("/static/admin/css/base.css").status_code == 404


# --- Uploaded files: MEDIA_ROOT and MEDIA_URL -------------------------------------------------

@pytest.fixture
def media_site(tmp_path):
    with override_settings(DEBUG=True, MEDIA_ROOT=tmp_path / "media", MEDIA_URL="/media/",
                           ROOT_URLCONF="cookbook.dj_uploads.project_urls"):
        import cookbook.dj_uploads.project_urls as project_urls
        importlib.reload(project_urls)  # static() reads DEBUG when the urls module loads
        clear_url_caches()
        yield tmp_path / "media"
    clear_url_caches()


@pytest.mark.django_db
def test_upload_is_saved_under_media_root_and_served(media_site):
    client = Client()
    upload = SimpleUploadedFile("cv.txt", b"my cv", content_type="text/plain")
    response = client.post("/uploads/", {"title": "CV", "file": upload})
    assert response.status_code == 302
    document = Document.objects.get()
    assert document.file.name.startswith("documents/")
    assert (media_site / document.file.name).read_bytes() == b"my cv"
    assert document.file.url.startswith("/media/documents/")
    served = client.get(document.file.url)
    assert served.status_code == 200 and body(served) == "my cv"
    assert document.file.url in body(client.get("/uploads/"))


@pytest.mark.django_db
def test_upload_without_enctype_is_rejected(media_site):
    """The form without enctype="multipart/form-data" sends no file: the form is invalid."""
    response = Client().post("/uploads/", {"title": "CV", "file": "cv.txt"})
    assert response.status_code == 200
    assert "This field is required." in body(response)
    assert not Document.objects.exists()


def test_media_url_needs_its_trailing_slash_not_its_leading_one():
    """The media-404 entry: a relative MEDIA_URL gets its leading slash from Django (3.1+);
    a missing trailing slash is a system check error."""
    from django.core.checks.urls import check_url_settings
    from django.core.files.storage import FileSystemStorage
    with override_settings(MEDIA_URL="media/"):
        assert FileSystemStorage().url("documents/cv.txt") == "/media/documents/cv.txt"
        assert check_url_settings(None) == []
    with override_settings(MEDIA_URL="/media"):
        errors = check_url_settings(None)
        assert [(e.id, e.msg) for e in errors] == [("urls.E006", "The MEDIA_URL setting must end with a slash.")]


def test_static_helper_adds_no_media_urls_when_debug_is_off(tmp_path):
    with override_settings(DEBUG=False, MEDIA_ROOT=tmp_path, MEDIA_URL="/media/"):
        import cookbook.dj_uploads.project_urls as project_urls
        importlib.reload(project_urls)
        assert all("media" not in str(p.pattern) for p in project_urls.urlpatterns)
    importlib.reload(project_urls)


# --- Log in and out with Django's views -------------------------------------------------------

@pytest.fixture
def learner(db):
    return User.objects.create_user("learner", "learner@example.com", "a-long-pass-phrase")


@override_settings(LOGIN_URL=settings_auth.LOGIN_URL, LOGIN_REDIRECT_URL=settings_auth.LOGIN_REDIRECT_URL)
def test_login_then_logout_with_post(learner):
    client = Client()
    assert client.get("/dj_auth/").status_code == 302  # anonymous: sent to the login page
    response = client.post("/dj_auth/login/", {"username": "learner", "password": "a-long-pass-phrase"})
    assert response.status_code == 302 and response["Location"] == "/dj_auth/"
    home = client.get("/dj_auth/")
    assert "Hello, learner." in body(home)
    assert 'method="post" action="/dj_auth/logout/"' in body(home)
    assert client.get("/dj_auth/logout/").status_code == 405  # a plain link (GET) is refused
    response = client.post("/dj_auth/logout/")
    assert response.status_code == 302 and response["Location"] == "/dj_auth/login/"
    assert client.get("/dj_auth/").status_code == 302


def test_logout_with_get_is_405_since_django_5(learner):
    client = Client()
    client.force_login(learner)
    assert client.get("/dj_auth/logout/").status_code == 405
    assert client.get("/dj_auth/").status_code == 200  # still logged in


# --- Log in with an email address ------------------------------------------------------------

@override_settings(AUTHENTICATION_BACKENDS=settings_auth.AUTHENTICATION_BACKENDS,
                   LOGIN_REDIRECT_URL=settings_auth.LOGIN_REDIRECT_URL)
def test_login_with_email_or_username(learner):
    assert authenticate(username="Learner@Example.com", password="a-long-pass-phrase") == learner
    assert authenticate(username="learner", password="a-long-pass-phrase") == learner
    assert authenticate(username="learner@example.com", password="wrong") is None
    client = Client()
    response = client.post("/dj_auth/login/", {"username": "learner@example.com",
                                               "password": "a-long-pass-phrase"})
    assert response.status_code == 302
    assert "Hello, learner." in body(client.get("/dj_auth/"))


@override_settings(AUTHENTICATION_BACKENDS=settings_auth.AUTHENTICATION_BACKENDS)
def test_email_login_refuses_shared_or_inactive_addresses(learner):
    User.objects.create_user("twin", "learner@example.com", "a-long-pass-phrase")
    assert authenticate(username="learner@example.com", password="a-long-pass-phrase") is None
    User.objects.filter(username="twin").delete()
    learner.is_active = False
    learner.save()
    assert authenticate(username="learner@example.com", password="a-long-pass-phrase") is None


# --- A management command with arguments -----------------------------------------------------

@pytest.mark.django_db
def test_deactivate_inactive_command():
    old = timezone.now() - timezone.timedelta(days=200)
    User.objects.create_user("sleeper", last_login=old)
    User.objects.create_user("active", last_login=timezone.now())
    out = StringIO()
    call_command("deactivate_inactive", "--days", "90", "--dry-run", stdout=out)
    assert out.getvalue().strip() == "Would deactivate 1 account(s)."
    assert User.objects.filter(is_active=True).count() == 2
    out = StringIO()
    call_command("deactivate_inactive", days=90, stdout=out)
    assert "Deactivated 1 account(s)." in out.getvalue()
    assert list(User.objects.filter(is_active=False).values_list("username", flat=True)) == ["sleeper"]
    with pytest.raises(CommandError, match="at least 1"):
        call_command("deactivate_inactive", "--days", "0")


# --- Logging to the console ------------------------------------------------------------------

@pytest.fixture
def console():
    """Apply the recipe's LOGGING, then point its console handler at a buffer to read."""
    logging.config.dictConfig(LOGGING)
    buffer = StringIO()
    handler = logging.getLogger("cookbook").handlers[0]
    assert handler is logging.getLogger("django").handlers[0]  # one handler, shared
    handler.setStream(buffer)
    yield buffer
    for name in ("cookbook", "django", ""):
        logging.getLogger(name).handlers.clear()
    logging.getLogger("cookbook").setLevel(logging.NOTSET)
    logging.getLogger("cookbook").propagate = True
    logging.getLogger().setLevel(logging.WARNING)
    configure_logging(settings.LOGGING_CONFIG, settings.LOGGING)


def test_logging_prints_info_of_your_code(console):
    response = Client().get("/dj_logging/", REMOTE_ADDR="203.0.113.7")
    assert response.status_code == 200
    assert "INFO cookbook.dj_logging.views: ping from 203.0.113.7" in console.getvalue()
    assert "only shown when the level is DEBUG" not in console.getvalue()
    Client().get("/dj_logging/no-such-page/")
    assert "WARNING django.request: Not Found: /dj_logging/no-such-page/" in console.getvalue()


def test_without_logging_config_info_messages_are_dropped():
    """The symptom: with no LOGGING for your package, the root logger's WARNING level applies."""
    assert not logging.getLogger("cookbook.dj_logging.views").isEnabledFor(logging.INFO)


# --- Your own 404 and 500 pages --------------------------------------------------------------

@pytest.mark.django_db
@override_settings(DEBUG=False, TEMPLATES=settings_templates.TEMPLATES)
def test_custom_404_and_500_pages():
    client = Client(raise_request_exception=False)
    missing = client.get("/dj_errorpages/users/999/")
    assert missing.status_code == 404
    assert "We could not find that page" in body(missing)
    assert "/dj_errorpages/users/999/" in body(missing)
    broken = client.get("/dj_errorpages/boom/")
    assert broken.status_code == 500
    assert "Something went wrong on our side" in body(broken)


@pytest.mark.django_db
@override_settings(DEBUG=True, TEMPLATES=settings_templates.TEMPLATES)
def test_debug_on_shows_the_technical_404_instead():
    response = Client().get("/dj_errorpages/users/999/")
    assert response.status_code == 404
    assert "We could not find that page" not in body(response)
    assert "DEBUG = True" in body(response)


# --- A ModelForm: validation and save ---------------------------------------------------------

@pytest.mark.django_db
def test_modelform_shows_errors_and_saves_nothing_when_invalid():
    client = Client()
    response = client.post("/dj_forms/", {"name": "Ada", "email": "ada@mailinator.com",
                                         "confirm_email": "ada@mailinator.com"})
    assert response.status_code == 200
    assert "Please use a permanent email address." in body(response)
    assert 'value="Ada"' in body(response)  # the user's input is kept
    assert not Subscriber.objects.exists()
    response = client.post("/dj_forms/", {"name": "Ada", "email": "ADA@Example.com",
                                         "confirm_email": "ada@example.com", "weekly": "on"})
    assert response.status_code == 302 and response["Location"] == "/dj_forms/thanks/"
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "ada@example.com" and subscriber.weekly


@pytest.mark.django_db
def test_is_valid_fills_the_instance_without_saving_it():
    """is_valid() copies the cleaned values onto form.instance; only save() writes the row."""
    from cookbook.dj_forms.forms import SubscriberForm
    subscriber = Subscriber.objects.create(name="Ada", email="ada@example.com")
    form = SubscriberForm({"name": "Ada L.", "email": "ada@example.com",
                           "confirm_email": "ada@example.com"}, instance=subscriber)
    assert form.is_valid()
    assert subscriber.name == "Ada L."                         # the object in memory changed
    assert Subscriber.objects.get(pk=subscriber.pk).name == "Ada"  # the row did not
    form.save()
    assert Subscriber.objects.get(pk=subscriber.pk).name == "Ada L."


@pytest.mark.django_db
def test_modelform_checks_uniqueness_and_cross_field_rules():
    from cookbook.dj_forms.forms import SubscriberForm
    Subscriber.objects.create(name="Ada", email="ada@example.com")
    form = SubscriberForm({"name": "Grace", "email": "ada@example.com", "confirm_email": "ada@example.com"})
    assert not form.is_valid()
    assert form.errors["email"] == ["Subscriber with this Email already exists."]
    form = SubscriberForm({"name": "Grace", "email": "grace@example.com", "confirm_email": "g@example.com"})
    assert not form.is_valid()
    assert form.non_field_errors() == ["The two email addresses differ."]


# --- A signal receiver that runs: connected in AppConfig.ready() ------------------------------

@pytest.mark.django_db
def test_profile_is_created_by_the_post_save_receiver():
    from cookbook.dj_signals.signals import create_profile
    assert post_save.has_listeners(User)
    # The catalogue's check prints False when the receiver is not connected: nothing else
    # listens to the user's post_save in this project, so the answer is about this receiver.
    assert post_save.disconnect(sender=User, dispatch_uid="dj_signals_create_profile")
    try:
        assert not post_save.has_listeners(User)
        assert not hasattr(User.objects.create_user("before-ready"), "profile")
    finally:
        post_save.connect(create_profile, sender=User, dispatch_uid="dj_signals_create_profile")
    assert post_save.has_listeners(User)
    user = User.objects.create_user("newcomer")
    assert Profile.objects.get(user=user).bio == ""
    user.first_name = "New"
    user.save()  # an update: created is False, no second profile
    assert Profile.objects.filter(user=user).count() == 1


@pytest.mark.django_db
def test_update_and_bulk_create_send_no_post_save():
    """The symptom: queryset.update() and bulk_create() never call save(), so no signal."""
    User.objects.bulk_create([User(username="bulk")])
    assert not Profile.objects.filter(user__username="bulk").exists()


# --- URL names: NoReverseMatch (docs/troubleshooting/django.md) -------------------------------

def test_no_reverse_match_for_a_name_no_pattern_has():
    from catalogue import assert_reproduces, printed
    from django.urls import NoReverseMatch, reverse
    assert reverse("dj-errorpages-profile", args=[7]) == "/dj_errorpages/users/7/"
    with pytest.raises(NoReverseMatch) as exc:
        reverse("dj-auth-signup")  # a typo, or a name= that no path() has
    assert_reproduces(printed(exc.value), "django/no-reverse-match")
    with pytest.raises(NoReverseMatch) as exc:
        reverse("dj-errorpages-profile")  # the pattern needs <int:pk>
    assert_reproduces(printed(exc.value), "django/no-reverse-match-arguments")
    with pytest.raises(NoReverseMatch) as exc:
        reverse("dj_auth:dj-auth-login")  # a namespace, but the URLconf sets no app_name
    assert_reproduces(printed(exc.value), "django/no-reverse-match-namespace")


# --- Templates: {% load %} in every file (docs/troubleshooting/django.md) ---------------------

def test_static_tag_without_load_in_a_child_template():
    from catalogue import assert_reproduces, printed
    from django.template import TemplateSyntaxError, engines
    django_engine = engines["django"]
    child = ('{% extends "base.html" %}\n{% block content %}\n'
             '<img src="{% static \'logo.png\' %}">\n{% endblock %}\n')
    with pytest.raises(TemplateSyntaxError) as exc:
        django_engine.from_string(child)  # {% load static %} in base.html does not carry over
    assert_reproduces(printed(exc.value), "django/invalid-block-tag")
    with pytest.raises(TemplateSyntaxError) as exc:
        django_engine.from_string("{% load staticfiles %}")  # removed in Django 3.0
    assert_reproduces(printed(exc.value), "django/staticfiles-not-registered")
    fixed = django_engine.from_string("{% load static %}<img src=\"{% static 'logo.png' %}\">")
    assert fixed.render() == '<img src="/static/logo.png">'


# --- Middleware order: request.user (docs/troubleshooting/django.md) --------------------------

def test_middleware_reading_request_user_before_authentication_middleware():
    from catalogue import assert_reproduces, printed
    from cookbook.dj_auth.settings_auth import MIDDLEWARE
    ours = "cookbook.dj_auth.middleware.username_header"
    assert MIDDLEWARE.index(ours) > MIDDLEWARE.index(
        "django.contrib.auth.middleware.AuthenticationMiddleware")
    with override_settings(MIDDLEWARE=MIDDLEWARE):
        assert Client().get("/dj_static/")["X-Username"] == "anonymous"
    too_early = [m for m in MIDDLEWARE if m != ours]
    too_early.insert(1, ours)  # above SessionMiddleware and AuthenticationMiddleware
    with override_settings(MIDDLEWARE=too_early):
        with pytest.raises(AttributeError) as exc:
            Client().get("/dj_static/")
    assert_reproduces(printed(exc.value), "django/request-has-no-user")


# --- @login_required and LOGIN_URL (docs/troubleshooting/django.md) ---------------------------

@pytest.mark.django_db
def test_login_required_sends_to_accounts_login_unless_login_url_is_set():
    client = Client()
    response = client.get("/dj_auth/dashboard/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/dj_auth/dashboard/"  # the default
    assert client.get(response["Location"]).status_code == 404  # no such URL in this project
    with override_settings(LOGIN_URL=settings_auth.LOGIN_URL):  # a URL name works too
        response = client.get("/dj_auth/dashboard/")
        assert response["Location"] == "/dj_auth/login/?next=/dj_auth/dashboard/"
        assert client.get(response["Location"]).status_code == 200


# --- Server Error (500) only with DEBUG off (docs/troubleshooting/django.md) ------------------

def test_manifest_storage_without_collectstatic_is_a_500_only_with_debug_off(tmp_path, caplog):
    storages = {**wn.STORAGES}
    with override_settings(STATIC_ROOT=tmp_path, STORAGES=storages):  # collectstatic never ran
        with override_settings(DEBUG=True):
            assert Client().get("/dj_static/").status_code == 200  # DEBUG: unhashed names
        caplog.set_level("ERROR", logger="django.request")
        with override_settings(DEBUG=False):
            response = Client(raise_request_exception=False).get("/dj_static/")
    assert response.status_code == 500
    assert "Internal Server Error: /dj_static/" in caplog.text
    assert "Missing staticfiles manifest entry for 'dj_static/site.css'" in caplog.text


# --- Time zones: stored in UTC, shown in TIME_ZONE (docs/tech/django.md) ----------------------

def test_a_utc_datetime_is_shown_in_time_zone():
    import datetime as dt

    from django.template import engines

    from cookbook.djangotime import zones
    moment = dt.datetime(2026, 12, 7, 9, 0, tzinfo=dt.timezone.utc)  # as the database returns it
    with override_settings(USE_TZ=zones.USE_TZ, TIME_ZONE=zones.TIME_ZONE):
        assert zones.wall_clock(moment) == "07 Dec 2026, 12:00"  # UTC+3
        page = engines["django"].from_string('{{ t|time:"H:i" }} {% load tz %}{{ t|utc|time:"H:i" }}')
        assert page.render({"t": moment}) == "12:00 09:00"
        assert timezone.now().tzinfo is dt.timezone.utc  # timezone.now() is always UTC
