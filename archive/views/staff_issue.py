"""Staff upload a whole issue at once: several page files or one zip of them.

Each file's name gives paper, date and page the way `manage.py ingest` reads it
(archive/sources.py: jzrb-2020-01-27-p1.txt); the pages are parsed here, then reviewed one
after another on the usual review screen and stored together, in one transaction.
"""

import io
import zipfile

from django import forms
from django.conf import settings
from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from archive import review, staff_pdf
from archive.ingest import DecodeError, decode_bytes, parse_page
from archive.ingest.pdf_read import PdfError
from archive.inputs import EMPTY_PAGE, NO_ARTICLES, has_readable_text
from archive.models import Person
from archive.sources import from_file_name, paper_identity

# An issue runs to a few dozen pages; a zip holding more is not one issue.
MAX_PAGES = 64


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (Django's documented recipe): each checked, all kept."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, (list, tuple)):
            return [super(MultipleFileField, self).clean(d, initial) for d in data]
        return [super().clean(data, initial)]


class IssueUploadForm(forms.Form):
    files = MultipleFileField(
        label="版面文件（可多选）或一个 zip",
        help_text="文件名须像 jzrb-2020-01-27-p1.txt（报纸简称-日期-版次），与命令行 ingest 相同。",
    )


class _Refused(ValueError):
    pass


@staff_member_required
def ingest_issue(request):
    """/admin/ingest/issue/ — the files of one issue in, the first page's review out."""
    from archive.views.staff import _admin_context, _render_review

    if not request.user.has_perm("archive.add_article"):
        raise PermissionDenied
    form = IssueUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            entries, paper, date = _read(form.cleaned_data["files"])
        except _Refused as exc:
            form.add_error("files", str(exc))
        else:
            first, *queue = entries
            state = {"paper": paper, "date": date, **first, "queue": queue, "done": []}
            return _render_review(request, state)
    context = _admin_context(request, form=form, title="上传整期")
    return render(request, "admin/archive/ingest_issue.html", context)


def _read(uploads):
    """[{page, text, pdf}] in page order, with the issue's paper and date; _Refused if a
    file is unreadable or names another issue."""
    files = _files(uploads)
    known = list(Person.objects.values_list("name", flat=True))
    entries, issues = [], set()
    for name, data in files:
        named = from_file_name(name)
        if not (named.paper_slug and named.date and named.page):
            raise _Refused(
                f"{name}：文件名里读不出报纸、日期和版次（应像 jzrb-2020-01-27-p1.txt）。"
            )
        issues.add((named.paper_slug, named.date.isoformat()))
        entries.append(_entry(name, data, named.page, known))
    if len(issues) > 1:
        raise _Refused("这些文件不属于同一期：" + "、".join(f"{p} {d}" for p, d in sorted(issues)))
    numbers = [e["page"]["number"] for e in entries]
    if len(set(numbers)) != len(numbers):
        raise _Refused("有两个文件是同一版，请只保留一个。")
    slug, date = issues.pop()
    paper_name, paper_slug = paper_identity(slug)
    entries.sort(key=lambda e: e["page"]["number"])
    return entries, {"name": paper_name, "slug": paper_slug or slug}, date


def _files(uploads):
    """(name, bytes) of every uploaded page, a zip opened into its files."""
    files = []
    for upload in uploads:
        data = upload.read(settings.MAX_PDF_BYTES + 1)
        if zipfile.is_zipfile(io.BytesIO(data)):
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                members = [m for m in archive.infolist() if not m.is_dir()]
                if len(members) > MAX_PAGES or any(
                    m.file_size > settings.MAX_PDF_BYTES for m in members
                ):
                    raise _Refused(f"{upload.name}：zip 里的文件过多或过大。")
                files += [(m.filename.rsplit("/", 1)[-1], archive.read(m)) for m in members]
        else:
            files.append((upload.name, data))
    files = [(name, data) for name, data in files if not name.startswith(".")]
    if not files or len(files) > MAX_PAGES:
        raise _Refused(f"请上传 1 到 {MAX_PAGES} 个版面文件。")
    return files


def _entry(name, data, number, known):
    if data.lstrip()[:5] == b"%PDF-":
        try:
            parsed, text, pdf = staff_pdf.parse_upload(io.BytesIO(data), number, known)
        except PdfError as exc:
            raise _Refused(f"{name}：无法读取这个 PDF（{exc}）。") from None
    else:
        if len(data) > settings.MAX_UPLOAD_BYTES:
            raise _Refused(f"{name}：文件过大。")
        try:
            text = decode_bytes(data, filename=name)
        except DecodeError as exc:
            raise _Refused(f"{name}：无法识别文件编码（{exc}）。") from None
        if not text.strip():
            raise _Refused(f"{name}：{EMPTY_PAGE}")
        parsed, pdf = parse_page(text, page_number=number, known_names=known), None
        if not has_readable_text(parsed):
            raise _Refused(f"{name}：{NO_ARTICLES}")
    return {"page": review.for_review(parsed), "text": text, "pdf": pdf}
