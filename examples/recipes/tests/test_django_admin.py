"""Runs the admin and log-file recipes of docs/howto/django.md."""
import importlib
import logging
import logging.config

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import checks
from django.test import Client
from django.utils.log import configure_logging

from cookbook.dj_admin.models import Company, Posting, Skill

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff():
    user = get_user_model().objects.create_superuser("boss", "boss@example.com", "pw-123456")
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def postings():
    acme = Company.objects.create(name="Acme")
    globex = Company.objects.create(name="Globex")
    python = Skill.objects.create(name="Python")
    first = Posting.objects.create(title="Backend developer", company=acme)
    first.skills.add(python, Skill.objects.create(name="Django"))
    Posting.objects.create(title="Data engineer", company=globex)
    return acme, globex


# --- Customize the admin list -----------------------------------------------------------------

def test_admin_list_shows_columns_filters_and_search(staff, postings):
    page = staff.get("/dj_admin/cookbook_dj_admin/posting/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "Python, Django" in html  # the ManyToMany column, through the method
    assert 'id="changelist-filter"' in html  # list_filter's sidebar
    # search_fields with company__name finds postings by their company's name
    found = staff.get("/dj_admin/cookbook_dj_admin/posting/", {"q": "globex"})
    assert "Data engineer" in found.content.decode()
    assert "Backend developer" not in found.content.decode()


def test_search_on_a_bare_foreign_key_is_the_icontains_error(postings):
    """search_fields = ["company"] is the learner's error: the FK has no icontains lookup.
    Django before 4.x said "Related Field got invalid lookup: icontains"; 5.2 says this:"""
    from django.contrib import admin
    from django.core.exceptions import FieldError
    from django.test import RequestFactory
    from cookbook.dj_admin.admin import PostingAdmin

    class Broken(PostingAdmin):
        search_fields = ["company"]

    request = RequestFactory().get("/")
    with pytest.raises(FieldError, match="Unsupported lookup 'icontains' for ForeignKey"):
        Broken(Posting, admin.site).get_search_results(request, Posting.objects.all(), "acme")


def test_readonly_created_is_shown_and_inline_lists_postings(staff, postings):
    acme, _ = postings
    posting = Posting.objects.get(title="Backend developer")
    form = staff.get(f"/dj_admin/cookbook_dj_admin/posting/{posting.pk}/change/").content.decode()
    assert "field-created" in form and 'name="created"' not in form  # shown, not editable
    company = staff.get(f"/dj_admin/cookbook_dj_admin/company/{acme.pk}/change/").content.decode()
    assert 'name="postings-0-title"' in company  # the inline's first row


def test_many_to_many_in_list_display_fails_the_system_check():
    from django.contrib import admin
    from cookbook.dj_admin.admin import PostingAdmin

    class Broken(PostingAdmin):
        list_display = ["title", "skills"]

    errors = Broken(Posting, admin.site).check()
    assert [e.id for e in errors] == ["admin.E109"]


def test_auto_now_add_field_in_fields_raises_non_editable_error(staff, postings):
    from django.contrib import admin
    from django.core.exceptions import FieldError
    from django.test import RequestFactory
    from cookbook.dj_admin.admin import PostingAdmin

    class Broken(PostingAdmin):
        fields = ["title", "company", "created"]
        readonly_fields = []

    request = RequestFactory().get("/")
    request.user = get_user_model().objects.get(username="boss")
    with pytest.raises(FieldError, match="'created' cannot be specified for Posting model form"):
        Broken(Posting, admin.site).get_form(request)


# --- A custom admin action ----------------------------------------------------------------------

def test_close_postings_action_updates_selected_rows_and_says_so(staff, postings):
    acme, _ = postings
    chosen = Posting.objects.get(title="Backend developer")
    response = staff.post(
        "/dj_admin/cookbook_dj_admin/posting/",
        {"action": "close_postings", "_selected_action": [chosen.pk]},
        follow=True,
    )
    assert response.status_code == 200
    assert "1 posting was closed." in response.content.decode()
    assert Posting.objects.get(pk=chosen.pk).status == "closed"
    assert Posting.objects.get(title="Data engineer").status == "open"  # not selected


def test_action_is_hidden_without_change_permission(postings):
    from django.contrib.auth.models import Permission
    viewer = get_user_model().objects.create_user("viewer", password="pw-123456", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(  # dj_orm has a Posting model too
        codename="view_posting", content_type__app_label="cookbook_dj_admin"))
    client = Client()
    client.force_login(viewer)
    page = client.get("/dj_admin/cookbook_dj_admin/posting/").content.decode()
    assert "close_postings" not in page


# --- Log to a file, with rotation ---------------------------------------------------------------

@pytest.fixture
def file_logging(tmp_path, monkeypatch):
    monkeypatch.setenv("LOG_DIR", str(tmp_path / "logs"))
    module = importlib.import_module("cookbook.dj_logging.settings_file_logging")
    module = importlib.reload(module)
    logging.config.dictConfig(module.LOGGING)
    yield tmp_path / "logs" / "django.log", module
    for name in ("cookbook", "django"):
        for handler in logging.getLogger(name).handlers:
            handler.close()
        logging.getLogger(name).handlers.clear()
        logging.getLogger(name).propagate = True
        logging.getLogger(name).setLevel(logging.NOTSET)
    configure_logging(settings.LOGGING_CONFIG, settings.LOGGING)


def test_logging_writes_to_the_file(file_logging):
    path, _ = file_logging
    Client().get("/dj_logging/", REMOTE_ADDR="203.0.113.9")
    for handler in logging.getLogger("cookbook").handlers:
        handler.flush()
    text = path.read_text(encoding="utf-8")
    assert "INFO cookbook.dj_logging.views: ping from 203.0.113.9" in text


def test_rotating_handler_keeps_numbered_backups(file_logging):
    path, module = file_logging
    handler = next(h for h in logging.getLogger("cookbook").handlers
                   if isinstance(h, logging.handlers.RotatingFileHandler))
    assert handler.maxBytes == 5 * 1024 * 1024 and handler.backupCount == 5
    handler.maxBytes = 200  # rotate quickly for the test
    log = logging.getLogger("cookbook.test")
    for i in range(20):
        log.info("line %d %s", i, "x" * 40)
    assert (path.parent / "django.log.1").is_file()
    assert not (path.parent / "django.log.6").exists()


def test_missing_log_folder_is_unable_to_configure_handler(tmp_path):
    config = {
        "version": 1,
        "handlers": {"file": {"class": "logging.FileHandler",
                              "filename": str(tmp_path / "no-such-dir" / "django.log")}},
    }
    with pytest.raises(ValueError, match="Unable to configure handler 'file'"):
        logging.config.dictConfig(config)


# --- The admin's own name: site_header --------------------------------------------------------

def test_site_header_replaces_django_administration(staff):
    page = staff.get("/dj_admin/").content.decode()
    assert "Job Board administration" in page
    assert "<title>Dashboard | Job Board admin</title>" in page
    assert "Django administration" not in page
    login = Client().get("/dj_admin/login/").content.decode()
    assert "Job Board administration" in login
