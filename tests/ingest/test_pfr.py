import io
import json
import lzma
from pathlib import Path

import pytest

from archive.ingest.pfr import merge_nr_run, pfr_articles, read_pfr

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
SNIPPET = (
    "19980101-01-001-001/m  会见/v  外宾/n  \r\n"
    "19980101-01-001-002/m  新华社/nt  北京/ns  １月/t  １日/t  电/n  （/w  记者/n  张/nr  三/nr  ）/w  "
    "国务院/nt  总理/n  李/nr  鹏/nr  今天/t  在/p  [人民/n  大会堂/n]ns  会见/v  了/u  "
    "克林顿/nr  。/w  \r\r\n"
    "\r\n"
    "19980101-02-001-001/m  欧阳/nr  中石/nr  题字/v  \r\n"
)


def test_a_small_snippet_in_gbk_parses_into_issue_documents():
    docs = list(read_pfr(io.BytesIO(SNIPPET.encode("gbk"))))
    assert len(docs) == 1
    doc = docs[0]
    assert doc["format"] == "newspaper-issue/1"
    assert doc["paper"] == {"name": "人民日报", "slug": "rmrb"}
    assert doc["issue"] == {"date": "1998-01-01", "number": None}
    assert [p["number"] for p in doc["pages"]] == [1, 2]
    article = doc["pages"][0]["articles"][0]
    assert article["title"] == "会见外宾"
    assert article["paragraphs"][0].startswith("新华社北京１月１日电（记者张三）国务院总理李鹏")
    assert "人民大会堂" in article["paragraphs"][0]
    assert (article["source"], article["dateline"], article["reporters"]) == (
        "新华社", "北京１月１日电", ["张三"])  # fmt: skip
    assert article["persons"] == [
        {"name": "李鹏", "roles": ["国务院总理"]},
        {"name": "克林顿", "roles": []},
    ]
    assert doc["pages"][1]["articles"][0]["persons"][0]["name"] == "欧阳中石"


def test_utf8_input_is_detected():
    docs = list(read_pfr(io.BytesIO(SNIPPET.encode("utf-8"))))
    assert docs[0]["pages"][0]["articles"][0]["title"] == "会见外宾"


def test_runs_of_name_tokens_merge_as_the_readme_says():
    assert merge_nr_run(["江", "泽民"]) == ["江泽民"]
    assert merge_nr_run(["马克思", "恩格斯"]) == ["马克思", "恩格斯"]
    assert merge_nr_run(["杨", "尚昆", "万", "里", "宋", "平"]) == ["杨尚昆", "万里", "宋平"]
    assert merge_nr_run(["陈", "方", "安生"]) == ["陈方安生"]


@pytest.mark.corpus
def test_the_month_has_31_issues_278_pages_and_3148_articles():
    docs = list(read_pfr(CORPUS / "pfr_199801.gbk.txt.xz"))
    assert len(docs) == 31
    assert [d["issue"]["date"] for d in docs] == sorted(d["issue"]["date"] for d in docs)
    assert sum(len(d["pages"]) for d in docs) == 278
    assert sum(len(p["articles"]) for d in docs for p in d["pages"]) == 3148


@pytest.mark.corpus
def test_person_tags_match_the_derived_corpus_file():
    ours = {a["id"]: a for a in pfr_articles(CORPUS / "pfr_199801.gbk.txt.xz")}
    with lzma.open(CORPUS / "pfr_199801_articles.jsonl.xz", "rt", encoding="utf-8") as f:
        theirs = [json.loads(line) for line in f]
    assert len(ours) == len(theirs) == 3148
    for record in theirs:
        assert ours[record["id"]]["persons"] == record["persons"], record["id"]
        assert ours[record["id"]]["paragraphs"] == record["paragraphs"], record["id"]
    assert ours["19980105-10-006"]["paragraph_ids"] == [2]
    assert ours["19980127-09-001"]["paragraph_ids"][-2:] == [32, 32]
