"""Settings come from the environment, with defaults that make a fresh checkout work."""

import json
import os
import subprocess
import sys

from tests.conftest import REPO

PRINT_SETTINGS = """
import json, django
from django.conf import settings
django.setup()
db = settings.DATABASES["default"]
print(json.dumps({
    "DATA_DIR": str(settings.DATA_DIR),
    "ENGINE": db["ENGINE"], "NAME": str(db["NAME"]), "HOST": db.get("HOST", ""),
    "DEBUG": settings.DEBUG, "ALLOWED_HOSTS": settings.ALLOWED_HOSTS,
    "SECRET_KEY": settings.SECRET_KEY,
    "SSL_REDIRECT": settings.SECURE_SSL_REDIRECT, "HSTS": settings.SECURE_HSTS_SECONDS,
    "SEARCH": settings.HAYSTACK_CONNECTIONS["default"],
    "LANGUAGE_CODE": settings.LANGUAGE_CODE, "TIME_ZONE": settings.TIME_ZONE,
}))
"""


def settings_under(env):
    clean = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {
            "DATABASE_URL",
            "SECRET_KEY",
            "DJANGO_DEBUG",
            "ALLOWED_HOSTS",
            "HTTPS",
            "SEARCH_URL",
        }
    }
    clean.update(env, DJANGO_SETTINGS_MODULE="archive.settings")
    out = subprocess.run(
        [sys.executable, "-c", PRINT_SETTINGS],
        env=clean,
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)


def test_data_dir_holds_the_database_the_index_and_the_secret_key(tmp_path):
    found = settings_under({"DATA_DIR": str(tmp_path)})
    assert found["DATA_DIR"] == str(tmp_path)
    assert found["ENGINE"] == "archive.sqlite"  # Django's, able to read a read-only folder
    assert found["NAME"] == str(tmp_path / "archive.sqlite3")
    assert found["SEARCH"]["PATH"] == str(tmp_path / "tantivy-index")
    assert (tmp_path / "secret_key").read_text().strip() == found["SECRET_KEY"]


def test_a_generated_secret_key_survives_a_restart(tmp_path):
    first = settings_under({"DATA_DIR": str(tmp_path)})["SECRET_KEY"]
    second = settings_under({"DATA_DIR": str(tmp_path)})["SECRET_KEY"]
    assert first == second and len(first) >= 50


def test_database_url_selects_postgresql(tmp_path):
    found = settings_under(
        {"DATA_DIR": str(tmp_path), "DATABASE_URL": "postgres://archivist@db.example:5432/papers"}
    )
    assert found["ENGINE"] == "django.db.backends.postgresql"
    assert found["NAME"] == "papers"
    assert found["HOST"] == "db.example"


def test_defaults_are_safe_and_chinese(tmp_path):
    found = settings_under({"DATA_DIR": str(tmp_path)})
    assert found["DEBUG"] is False
    assert found["ALLOWED_HOSTS"] == ["localhost", "127.0.0.1"]
    assert found["LANGUAGE_CODE"] == "zh-hans"
    assert found["TIME_ZONE"] == "Asia/Shanghai"
    assert found["SSL_REDIRECT"] is False


def test_https_switch_turns_on_secure_cookies_redirect_and_hsts(tmp_path):
    found = settings_under(
        {
            "DATA_DIR": str(tmp_path),
            "HTTPS": "1",
            "SECRET_KEY": "x" * 60,
            "ALLOWED_HOSTS": "archive.example.cn,www.archive.example.cn",
        }
    )
    assert found["SSL_REDIRECT"] is True
    assert found["HSTS"] >= 31536000
    assert found["SECRET_KEY"] == "x" * 60
    assert found["ALLOWED_HOSTS"] == ["archive.example.cn", "www.archive.example.cn"]


def test_search_url_selects_an_elasticsearch_cluster(tmp_path):
    found = settings_under(
        {"DATA_DIR": str(tmp_path), "SEARCH_URL": "elasticsearch://search.local:9200/papers"}
    )
    assert found["SEARCH"]["URL"] == "http://search.local:9200/"
    assert found["SEARCH"]["INDEX_NAME"] == "papers"


def test_a_new_archive_gets_tantivy_and_one_that_has_a_whoosh_index_keeps_it(tmp_path):
    new = settings_under({"DATA_DIR": str(tmp_path)})
    assert new["SEARCH"]["BACKEND"] == "archive.search.tantivy_backend.TantivyBackend"
    (tmp_path / "index").mkdir()  # a Whoosh index left by an older default
    kept = settings_under({"DATA_DIR": str(tmp_path)})
    assert kept["SEARCH"]["BACKEND"] == "archive.search.whoosh_backend.WhooshBackend"
    assert kept["SEARCH"]["PATH"] == str(tmp_path / "index")
    (tmp_path / "tantivy-index").mkdir()  # moved: rebuild_index with SEARCH_URL=tantivy:
    moved = settings_under({"DATA_DIR": str(tmp_path)})
    assert moved["SEARCH"]["BACKEND"] == "archive.search.tantivy_backend.TantivyBackend"


def test_search_url_selects_a_tantivy_index_by_path_or_in_the_data_dir(tmp_path):
    absolute = settings_under({"DATA_DIR": str(tmp_path), "SEARCH_URL": "tantivy:///srv/ix"})
    assert absolute["SEARCH"]["BACKEND"] == "archive.search.tantivy_backend.TantivyBackend"
    assert absolute["SEARCH"]["PATH"] == "/srv/ix"
    default = settings_under({"DATA_DIR": str(tmp_path), "SEARCH_URL": "tantivy:"})
    assert default["SEARCH"]["PATH"] == str(tmp_path / "tantivy-index")
    named = settings_under({"DATA_DIR": str(tmp_path), "SEARCH_URL": "tantivy:big"})
    assert named["SEARCH"]["PATH"] == str(tmp_path / "big")
    whoosh = settings_under({"DATA_DIR": str(tmp_path), "SEARCH_URL": "whoosh:"})
    assert whoosh["SEARCH"]["BACKEND"] == "archive.search.whoosh_backend.WhooshBackend"
