"""`manage.py parse_page`: prints interchange JSON for one page and writes nothing."""

import json
import shutil

import pytest
from django.core.management.base import CommandError

from archive.models import Article, Issue, Person
from tests.commands.helpers import run
from tests.conftest import SEED

pytestmark = pytest.mark.django_db


def test_the_seed_prints_as_an_interchange_issue():
    doc = json.loads(run("parse_page", str(SEED)))
    assert doc["format"] == "newspaper-issue/1"
    assert doc["paper"] == {"name": "焦作日报", "slug": "jzrb"}
    assert doc["issue"]["date"] == "2020-01-27"
    assert doc["pages"][0]["number"] == 1
    assert len(doc["pages"][0]["articles"]) == 9


def test_nothing_is_written():
    run("parse_page", str(SEED))
    assert not Issue.objects.exists()
    assert not Article.objects.exists()
    assert not Person.objects.exists()


def test_date_and_page_options(tmp_path):
    plain = tmp_path / "page.txt"
    shutil.copy(SEED, plain)
    unnamed = json.loads(run("parse_page", str(plain)))
    assert unnamed["issue"]["date"] is None
    named = json.loads(run("parse_page", str(plain), "--date", "2020-01-27", "--page", "2"))
    assert named["issue"]["date"] == "2020-01-27"
    assert named["pages"][0]["number"] == 2


def test_a_bad_date_is_refused():
    with pytest.raises(CommandError):
        run("parse_page", str(SEED), "--date", "2020-13-45")


def test_an_empty_file_is_a_clear_error(tmp_path):
    empty = tmp_path / "jzrb-2020-01-27-p1.txt"
    empty.write_bytes(b"")
    with pytest.raises(CommandError, match="文件是空的"):
        run("parse_page", str(empty))
