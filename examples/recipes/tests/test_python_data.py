"""docs/howto/python.md: the JSON, date and text-file recipes, run for real (no network)."""
from __future__ import annotations

import json
import subprocess
import sys
import warnings
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import pytest

from cookbook.pythondata import dates, jsonfiles, textfiles


def test_json_load_loads_dump_dumps(tmp_path):
    jobs = [{"title": "Développeur backend", "salary": 85000}]
    path = tmp_path / "jobs.json"
    jsonfiles.save_jobs(jobs, path)
    assert "Développeur" in path.read_text(encoding="utf-8")   # ensure_ascii=False keeps the é
    assert jsonfiles.load_jobs(path) == jobs
    assert jsonfiles.data == {"title": "Backend dev", "remote": True}
    assert isinstance(jsonfiles.text, str)
    with path.open(encoding="utf-8") as f, pytest.raises(TypeError):
        json.loads(f)                         # loads wants the text, not the file
    with pytest.raises(AttributeError):
        json.load(path.read_text(encoding="utf-8"))   # load wants a file: 'str' has no .read


def test_dates_and_decimal_in_json():
    posted = datetime(2026, 3, 5, 14, 30, tzinfo=timezone.utc)
    text = jsonfiles.dumps_with_dates({"posted": posted, "day": date(2026, 3, 5),
                                       "salary": Decimal("85000.50")})
    assert json.loads(text) == {"posted": "2026-03-05T14:30:00+00:00", "day": "2026-03-05",
                                "salary": "85000.50"}
    with pytest.raises(TypeError, match="Object of type datetime is not JSON serializable"):
        json.dumps({"posted": posted})
    with pytest.raises(TypeError, match="Object of type set is not JSON serializable"):
        jsonfiles.dumps_with_dates({"tags": {"remote"}})
    # What the page says about Django's encoder: dates, Decimal and UUID, out of the box.
    from django.core.serializers.json import DjangoJSONEncoder
    assert json.loads(json.dumps({"posted": posted, "salary": Decimal("1.50")}, cls=DjangoJSONEncoder)) == {
        "posted": "2026-03-05T14:30:00Z", "salary": "1.50"}


def test_empty_or_html_body_says_what_came_back():
    assert jsonfiles.parse_body('{"ok": true}') == {"ok": True}
    with pytest.raises(ValueError, match="empty body"):
        jsonfiles.parse_body("")
    with pytest.raises(ValueError, match="starts with '<!doctype html>"):
        jsonfiles.parse_body("<!doctype html><title>502 Bad Gateway</title>")
    with pytest.raises(json.JSONDecodeError, match=r"Expecting value: line 1 column 1 \(char 0\)"):
        json.loads("")


def test_aware_utc_now_and_time_zones():
    now = dates.now_utc()
    assert now.tzinfo is timezone.utc and now.utcoffset() == timedelta(0)
    if sys.version_info >= (3, 11):
        import datetime as dt
        assert dt.UTC is timezone.utc
    moment = datetime(2026, 3, 5, 12, 0, tzinfo=timezone.utc)
    addis = dates.in_zone(moment, "Africa/Addis_Ababa")
    assert addis.hour == 15 and addis == moment           # another clock, the same instant
    assert str(addis.tzinfo) == "Africa/Addis_Ababa"


def test_utcnow_is_naive_and_deprecated_from_312():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        naive = datetime.utcnow()
    assert naive.tzinfo is None
    deprecated = [w for w in caught if issubclass(w.category, DeprecationWarning)]
    assert bool(deprecated) == (sys.version_info >= (3, 12))


def test_parse_and_format_dates():
    assert dates.parse_iso("2026-03-05 14:30:00+03:00").utcoffset() == timedelta(hours=3)
    if sys.version_info >= (3, 11):
        assert dates.parse_iso("2026-03-05T14:30:00Z").tzinfo == timezone.utc
    parsed = dates.parse_form_date(" 05/03/2026 14:30 ")
    assert parsed == datetime(2026, 3, 5, 14, 30)
    assert dates.to_text(parsed) == "2026-03-05 14:30"
    with pytest.raises(ValueError, match="does not match format"):
        datetime.strptime("2026-03-05 14:30:00", "%Y-%m-%d %H:%M:%S.%f")
    with pytest.raises(ValueError, match="unconverted data remains"):
        datetime.strptime("05/03/2026 14:30:59", "%d/%m/%Y %H:%M")


def test_compare_naive_and_aware():
    naive = datetime(2000, 1, 1, 12, 0)
    with pytest.raises(TypeError, match="can't compare offset-naive and offset-aware datetimes"):
        naive < dates.now_utc()
    assert dates.is_expired(naive) is True
    assert dates.is_expired(dates.now_utc() + timedelta(hours=1)) is False
    plus3 = datetime(2026, 1, 1, 15, 0, tzinfo=timezone(timedelta(hours=3)))
    assert dates.as_utc(plus3) == datetime(2026, 1, 1, 12, 0, tzinfo=timezone.utc)


def test_read_lines_next_to_the_file_from_any_folder(tmp_path):
    assert textfiles.read_lines("jobs.txt") == ["Backend dev", "SRE"]
    # From another working folder, the pathlib version still finds it; a bare open() does not.
    code = ("import sys; sys.path.insert(0, sys.argv[1]);"
            "from cookbook.pythondata import textfiles; print(textfiles.read_lines('jobs.txt'))")
    recipes = Path(__file__).resolve().parents[1]
    out = subprocess.run([sys.executable, "-c", code, str(recipes)], cwd=tmp_path,
                         capture_output=True, text=True)
    assert out.stdout == "['Backend dev', 'SRE']\n", out.stderr
    with pytest.raises(FileNotFoundError):
        open("jobs.txt", encoding="utf-8")    # the tests run in examples/recipes, not next to it


def test_read_a_file_of_unknown_encoding(tmp_path):
    legacy = tmp_path / "legacy.csv"
    legacy.write_bytes("Café \u201cBackend\u201d\n".encode("cp1252"))
    assert textfiles.read_unknown(legacy) == "Café “Backend”\n"
    utf8 = tmp_path / "utf8.csv"
    utf8.write_text("Café \u201cBackend\u201d\n", encoding="utf-8")
    assert textfiles.read_unknown(utf8) == "Café “Backend”\n"
