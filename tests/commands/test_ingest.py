"""`manage.py ingest`: page text, interchange JSON and PFR in; all or nothing; indexed."""

import json
import shutil

import pytest
from django.core.management.base import CommandError

from archive.models import Article, Issue, Page
from tests.commands.helpers import archive_snapshot, export_json, run, without_ids
from tests.conftest import CORPUS_GBK, SEED

pytestmark = pytest.mark.django_db(transaction=True)

PAGE_TWO = """（上接第一版③）
护等工作，确保疫情防控各项措施落实到位。市委副书记、市长徐衣显强调，要加强宣传引导。
"""


def test_the_seed_page_is_stored_as_nine_published_items():
    output = run("ingest", str(SEED))
    page = Page.objects.get(issue__newspaper__slug="jzrb", issue__date="2020-01-27", number=1)
    assert page.issue.newspaper.name == "焦作日报"
    assert page.articles.count() == 9
    assert all(a.published for a in page.articles.all())
    assert page.source_text == SEED.read_text(encoding="utf-8")
    assert "articles=9" in output


def test_ingesting_a_page_again_replaces_it_without_duplicates():
    run("ingest", str(SEED))
    run("ingest", str(SEED))
    assert Issue.objects.count() == 1 and Page.objects.count() == 1
    assert Article.objects.count() == 9


def test_ingesting_the_demo_page_twice_keeps_every_article_url(client):
    run("ingest", str(SEED))
    first = {a.pk: a.get_absolute_url() for a in Article.objects.with_place()}
    run("ingest", str(SEED))
    run("ingest", str(SEED))
    again = {a.pk: a.get_absolute_url() for a in Article.objects.with_place()}
    assert again == first
    assert sorted(url.rsplit("/", 2)[-2] for url in again.values()) == [
        str(n) for n in range(1, 10)
    ]
    for url in again.values():
        assert client.get(url).status_code == 200


def test_draft_keeps_the_page_unpublished_for_review():
    run("ingest", str(SEED), "--draft")
    assert Article.objects.count() == 9
    assert not Article.objects.filter(published=True).exists()


def test_paper_date_and_page_options_name_a_file_whose_name_says_nothing(tmp_path):
    anonymous = tmp_path / "page.txt"
    shutil.copy(SEED, anonymous)
    with pytest.raises(CommandError, match="which paper"):
        run("ingest", str(anonymous))
    run("ingest", str(anonymous), "--paper", "jzrb", "--date", "2020-01-28", "--page", "3")
    page = Page.objects.get()
    assert (str(page.issue.date), page.number, page.issue.newspaper.name) == (
        "2020-01-28",
        3,
        "焦作日报",
    )


def test_options_override_the_file_name():
    run("ingest", str(SEED), "--date", "2020-02-01", "--page", "2")
    assert list(Page.objects.values_list("issue__date", "number")) == [
        (Page.objects.get().issue.date, 2)
    ]
    assert str(Page.objects.get().issue.date) == "2020-02-01"


def test_continuations_are_linked_both_ways_whichever_page_arrives_first(tmp_path):
    page_two = tmp_path / "jzrb-2020-01-27-p2.txt"
    page_two.write_text(PAGE_TWO, encoding="utf-8")
    run("ingest", str(page_two))
    run("ingest", str(SEED))
    first = Article.objects.get(page__number=1, order=1)
    second = Article.objects.get(page__number=2, jump_from_page=1)
    assert first.continuation == second
    assert second.continues == first
    # Replacing page 2 keeps the link, now to the new row.
    run("ingest", str(page_two))
    first.refresh_from_db()
    assert first.continuation == Article.objects.get(page__number=2, jump_from_page=1)


def test_export_then_ingest_into_an_empty_archive_gives_the_same_json(tmp_path):
    run("ingest", str(SEED))
    exported = export_json()
    dump = tmp_path / "export.json"
    dump.write_text(json.dumps(exported, ensure_ascii=False), encoding="utf-8")
    Issue.objects.all().delete()
    run("ingest", str(dump))
    assert without_ids(export_json()) == without_ids(exported)


def test_json_lines_are_accepted(tmp_path):
    run("ingest", str(SEED))
    lines = tmp_path / "export.jsonl"
    lines.write_text(run("export", "--jsonl"), encoding="utf-8")
    Issue.objects.all().delete()
    run("ingest", str(lines), "--format", "json")
    assert Article.objects.count() == 9


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "文件是空的"),
        (b" \r\n\t\n\xe3\x80\x80\n", "文件是空的"),
        ("……\n——\n".encode(), "没有读出任何文章"),
        (b"\x00\x01\x02\xff\xfe\x00\x89PNG\r\n" * 50, "SOME"),
        ("本报讯".encode() + b"\xff\xfe\xfa" * 40, "SOME"),
    ],
    ids=["empty", "whitespace", "punctuation", "binary", "undecodable"],
)
def test_bad_page_files_give_one_clear_line_and_change_nothing(tmp_path, content, message):
    run("ingest", str(SEED))
    before = archive_snapshot()
    bad = tmp_path / "jzrb-2020-01-28-p1.txt"
    bad.write_bytes(content)
    with pytest.raises(CommandError) as error:
        run("ingest", str(bad))
    text = str(error.value)
    assert str(bad) in text and "\n" not in text
    if message != "SOME":
        assert message in text
    assert archive_snapshot() == before


def test_malformed_json_names_the_line(tmp_path):
    bad = tmp_path / "broken.json"
    bad.write_text(
        '{"format": "newspaper-issue/1",\n "paper": {"name": "焦作日报"\n', encoding="utf-8"
    )
    with pytest.raises(CommandError, match=r"broken\.json: line \d+"):
        run("ingest", str(bad))
    assert not Issue.objects.exists()


def test_invalid_interchange_names_the_json_path(tmp_path):
    run("ingest", str(SEED))
    doc = export_json()[0]
    doc["pages"][0]["articles"][3]["title"] = 42
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    before = archive_snapshot()
    with pytest.raises(CommandError, match=r"pages\[0\]\.articles\[3\]\.title"):
        run("ingest", str(bad))
    assert archive_snapshot() == before


def test_one_bad_file_among_several_stores_none_of_them(tmp_path):
    good = tmp_path / "jzrb-2020-01-28-p1.txt"
    shutil.copy(SEED, good)
    bad = tmp_path / "jzrb-2020-01-28-p2.txt"
    bad.write_bytes(b"")
    with pytest.raises(CommandError):
        run("ingest", str(good), str(bad))
    assert not Issue.objects.exists()


def test_a_missing_file_is_named(tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        run("ingest", str(tmp_path / "jzrb-2020-01-27-p9.txt"))


def test_an_oversized_page_file_is_refused(tmp_path):
    huge = tmp_path / "jzrb-2020-01-28-p1.txt"
    huge.write_bytes(("本报讯" * 1000 + "\n").encode("utf-8") * 6000)
    with pytest.raises(CommandError, match="larger than"):
        run("ingest", str(huge))
    assert not Issue.objects.exists()


def test_the_format_option_is_checked(tmp_path):
    with pytest.raises(CommandError):
        run("ingest", str(SEED), "--format", "docx")


def test_reporters_are_kept_apart_from_persons_mentioned():
    run("ingest", str(SEED))
    first = Article.objects.get(page__number=1, order=1)
    reporters = [m.person.name for m in first.mentions.filter(is_reporter=True)]
    mentioned = {m.person.name: m.roles for m in first.mentions.filter(is_reporter=False)}
    assert reporters == ["杨丽娜", "姚广强"]
    assert mentioned["徐衣显"] == ["市委副书记", "市长"]
    assert "杨丽娜" not in mentioned


@pytest.mark.corpus
@pytest.mark.slow
@pytest.mark.skipif(not CORPUS_GBK.exists(), reason="the PFR corpus is not beside the checkout")
def test_the_pfr_corpus_ingests_with_its_counts():
    run("ingest", str(CORPUS_GBK), "--format", "pfr")
    assert Issue.objects.count() == 31
    assert Page.objects.count() == 278
    assert Article.objects.count() == 3148
    first = Article.objects.get(page__issue__date="1998-01-01", page__number=1, order=1)
    assert "江泽民" in first.mentions.values_list("person__name", flat=True)
