"""`manage.py export`: interchange JSON of what is stored, filtered by paper and date."""

import json

import pytest
from django.core.management.base import CommandError

from archive.models import Article, Newspaper
from tests.commands.helpers import export_json, run, without_ids
from tests.factories import make_article, make_issue, make_page, make_paper

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_papers():
    jzrb = make_paper()
    rmrb = make_paper(name="人民日报", slug="rmrb")
    for paper, date in [(jzrb, "2020-01-26"), (jzrb, "2020-01-27"), (rmrb, "1998-01-01")]:
        page = make_page(1, make_issue(date, paper))
        make_article(
            page,
            title=f"{paper.name}{date}",
            persons=[("王小平", ["市委书记"])],
            reporters=["董柏生"],
        )


def test_every_issue_is_written_with_ids_and_urls(two_papers):
    docs = export_json()
    assert [(d["paper"]["slug"], d["issue"]["date"]) for d in docs] == [
        ("jzrb", "2020-01-26"),
        ("jzrb", "2020-01-27"),
        ("rmrb", "1998-01-01"),
    ]
    article = docs[0]["pages"][0]["articles"][0]
    assert article["id"] and article["url"].startswith("/jzrb/2020-01-26/1/")
    assert article["reporters"] == ["董柏生"]
    assert article["persons"] == [{"name": "王小平", "roles": ["市委书记"]}]


def test_jsonl_writes_one_issue_per_line(two_papers):
    lines = run("export", "--jsonl").strip().split("\n")
    assert len(lines) == 3
    assert json.loads(lines[2])["paper"]["slug"] == "rmrb"


def test_paper_and_date_filters(two_papers):
    assert len(export_json("--paper", "jzrb")) == 2
    dated = export_json("--paper", "jzrb", "--date-from", "2020-01-27", "--date-to", "2020-01-27")
    assert [d["issue"]["date"] for d in dated] == ["2020-01-27"]


def test_an_unknown_paper_is_an_error(two_papers):
    with pytest.raises(CommandError, match="no paper"):
        run("export", "--paper", "nope")


def test_an_empty_archive_exports_an_empty_list():
    assert export_json() == []


def test_output_option_writes_a_file(two_papers, tmp_path):
    target = tmp_path / "backup.json"
    run("export", "--output", str(target))
    assert len(json.loads(target.read_text(encoding="utf-8"))) == 3


def test_a_restore_from_an_export_keeps_drafts_as_drafts(tmp_path):
    page = make_page(1, make_issue("2020-01-27", make_paper()))
    make_article(page, title="已经发布的一篇")
    draft = make_article(page, title="还在审核的一篇", published=False)
    Article.objects.filter(pk=draft.pk).update(number=7)  # an item added above, long ago
    before = export_json()
    urls = [a["url"] for a in before[0]["pages"][0]["articles"]]
    assert [a["published"] for a in before[0]["pages"][0]["articles"]] == [True, False]
    dump = tmp_path / "jzrb-2020-01-27.json"
    dump.write_text(json.dumps(before[0], ensure_ascii=False), encoding="utf-8")

    Newspaper.objects.all().delete()
    run("ingest", str(dump))  # ingest publishes by default, but the export says otherwise

    assert without_ids(export_json()) == without_ids(before)
    assert list(Article.objects.order_by("order").values_list("published", flat=True)) == [
        True,
        False,
    ]
    # Every permalink as it was: /jzrb/2020-01-27/1/1/ and …/1/7/.
    assert urls[1].endswith("/1/7/")
    assert [a.get_absolute_url() for a in Article.objects.order_by("order")] == urls


def test_an_export_whose_published_is_not_true_or_false_is_refused(tmp_path):
    make_article(make_page(1, make_issue("2020-01-27", make_paper())))
    doc = export_json()[0]
    doc["pages"][0]["articles"][0]["published"] = "yes"
    dump = tmp_path / "jzrb-2020-01-27.json"
    dump.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(CommandError, match="published"):
        run("ingest", str(dump))
