"""Page PDFs through ingest, parse_page, export and the admin upload: the PDF kept, its
page rendered once into storage, regions stored; odd PDFs refused with nothing stored."""

import json
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management.base import CommandError

from archive.ingest import flags
from archive.models import Article, Newspaper, Page
from tests import pdfs
from tests.commands.helpers import archive_snapshot, export_json, run

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def stored_files(media):
    return sorted(p.name for p in Path(media).rglob("*") if p.is_file())


def write(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_ingest_stores_the_pdf_its_picture_thumbnail_and_character_boxes(tmp_path, media):
    path = write(tmp_path, "jzrb-2020-02-03-p1.pdf", pdfs.demo_bytes())
    out = run("ingest", str(path))
    assert "已入库" in out
    page = Page.objects.get()
    for field in (page.pdf, page.image, page.thumbnail, page.char_boxes):
        assert field and default_storage.exists(field.name)
    assert page.image.name.endswith(".webp") and page.image_width == 1600
    assert default_storage.open(page.pdf.name).read() == pdfs.demo_bytes()
    articles = list(page.articles.order_by("order"))
    assert len(articles) == 5 and all(a.regions for a in articles)
    assert articles[0].title == "河畔新区完成首批老旧小区改造"
    assert "河畔新区" in page.source_text


def test_ingesting_the_same_pdf_again_reuses_its_files(tmp_path, media):
    path = write(tmp_path, "jzrb-2020-02-03-p1.pdf", pdfs.demo_bytes())
    run("ingest", str(path))
    before = stored_files(media)
    run("ingest", str(path))
    assert stored_files(media) == before and Page.objects.count() == 1


def test_a_pdf_is_told_by_its_first_bytes_whatever_its_name(tmp_path):
    path = write(tmp_path, "page-one.bin", pdfs.demo_bytes())
    run("ingest", str(path), "--paper", "jzrb", "--date", "2020-02-03", "--page", "2")
    assert Page.objects.get().number == 2


def test_format_pdf_reads_a_file_it_could_not_tell(tmp_path):
    path = write(tmp_path, "scan", b"\n" + pdfs.demo_bytes())
    run(
        "ingest",
        str(path),
        "--format",
        "pdf",
        "--paper",
        "jzrb",
        "--date",
        "2020-02-03",
        "--page",
        "1",
    )
    assert Article.objects.count() == 5


def test_a_folder_of_page_pdfs_is_ingested_page_by_page(tmp_path):
    folder = tmp_path / "day"
    folder.mkdir()
    write(folder, "jzrb-2020-02-03-p1.pdf", pdfs.demo_bytes())
    write(folder, "jzrb-2020-02-03-p2.pdf", pdfs.demo_bytes())
    run("ingest", str(folder))
    assert list(Page.objects.values_list("number", flat=True)) == [1, 2]


def test_a_broken_text_layer_is_flagged_with_its_image_kept_and_no_text(tmp_path):
    path = write(tmp_path, "jzrb-2020-02-03-p4.pdf", pdfs.broken_text_layer())
    run("ingest", str(path))
    page = Page.objects.get()
    assert page.review == [flags.PDF_TEXT_UNREADABLE]
    assert page.articles.count() == 0 and page.source_text == ""
    assert page.image and default_storage.exists(page.image.name)


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (pdfs.truncated, "damaged or truncated"),
        (pdfs.encrypted, "encrypted"),
        (pdfs.zero_pages, "no pages"),
        (pdfs.huge_page, "no newspaper page"),
        (lambda: b"plain words", "not a PDF file"),
    ],
)
def test_odd_pdfs_stop_the_run_with_the_reason_and_store_nothing(tmp_path, media, make, reason):
    good = write(tmp_path, "jzrb-2020-02-03-p1.pdf", pdfs.demo_bytes())
    odd = write(tmp_path, "jzrb-2020-02-03-p2.pdf", make())
    with pytest.raises(CommandError, match=f"jzrb-2020-02-03-p2.pdf: .*{reason}"):
        run("ingest", str(good), str(odd))
    assert archive_snapshot()["pages"] == [] and stored_files(media) == []


def test_parse_page_prints_a_pdfs_articles_with_their_regions(tmp_path, media):
    path = write(tmp_path, "jzrb-2020-02-03-p1.pdf", pdfs.demo_bytes())
    doc = json.loads(run("parse_page", str(path)))
    articles = doc["pages"][0]["articles"]
    assert articles[0]["regions"] and all(len(box) == 4 for box in articles[0]["regions"])
    assert stored_files(media) == [] and Page.objects.count() == 0


def test_export_carries_regions_and_the_pages_picture_and_pdf(tmp_path):
    path = write(tmp_path, "jzrb-2020-02-03-p1.pdf", pdfs.demo_bytes())
    run("ingest", str(path))
    page = export_json()[0]["pages"][0]
    assert page["image"].startswith("/media/pages/") and page["pdf"].endswith(".pdf")
    assert page["articles"][0]["regions"] == Article.objects.get(order=1).regions


def test_a_text_page_exports_no_picture_and_empty_regions(seed_text, tmp_path):
    path = tmp_path / "jzrb-2020-01-27-p1.txt"
    path.write_text(seed_text, encoding="utf-8")
    run("ingest", str(path))
    page = export_json()[0]["pages"][0]
    assert "image" not in page and "pdf" not in page
    assert all(a["regions"] == [] for a in page["articles"])


def test_staff_upload_a_page_pdf_review_it_and_store_it_with_its_picture(client, media):
    client.force_login(User.objects.create_superuser("editor", "e@example.cn", "pw-for-tests"))
    paper = Newspaper.objects.create(name="焦作日报", slug="jzrb")
    data = {"paper": paper.pk, "date": "2020-02-03", "page": 1, "page_name": "要闻"}
    data["upload"] = SimpleUploadedFile("page.pdf", pdfs.demo_bytes())
    preview = client.post("/admin/ingest/", data)
    assert preview.status_code == 200 and Page.objects.count() == 0
    assert "河畔新区完成首批老旧小区改造" in preview.content.decode()
    state = preview.context["state_token"]
    client.post("/admin/ingest/", {"state": state, "action": "publish"})
    page = Page.objects.get()
    assert page.image and page.articles.count() == 5 and page.articles.first().regions


def test_staff_see_why_a_pdf_cannot_be_read(client):
    client.force_login(User.objects.create_superuser("editor", "e@example.cn", "pw-for-tests"))
    paper = Newspaper.objects.create(name="焦作日报", slug="jzrb")
    data = {"paper": paper.pk, "date": "2020-02-03", "page": 1}
    data["upload"] = SimpleUploadedFile("page.pdf", pdfs.encrypted())
    response = client.post("/admin/ingest/", data)
    assert "无法读取这个 PDF" in response.content.decode() and Page.objects.count() == 0
