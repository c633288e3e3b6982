"""Staff ingestion in the admin: upload or paste a page, review the parse, fix, then publish.

Nothing is written until staff confirm; the parsed page travels between screens as JSON in
the form and is validated again before it is stored.
"""

import json
import logging

from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect, render

from archive import review, staff_pdf
from archive.admin_forms import PageUploadForm
from archive.ingest import DecodeError, decode_bytes, parse_page
from archive.ingest.interchange import build_issue_document
from archive.ingest.model import KINDS, ParsedPage
from archive.ingest.pdf_read import PdfError
from archive.inputs import EMPTY_PAGE, NO_ARTICLES, has_readable_text
from archive.loading import IndexWriteError, LoadError, load_issue, sync_index
from archive.models import Person
from archive.review_diff import LABELS
from archive.staff_compare import comparison, put_back_corrections, stored_page

log = logging.getLogger(__name__)
STATE_SALT = "archive.staff.review-state"


@staff_member_required
def ingest_page(request):
    """/admin/ingest/ — step 1: the form; step 2 (preview): the parse beside its source."""
    if not request.user.has_perm("archive.add_article"):
        raise PermissionDenied
    if request.method == "POST" and "state" in request.POST:
        return _review_step(request)
    form = PageUploadForm(request.POST or None, request.FILES or None)
    if (
        request.method == "POST"
        and form.is_valid()
        and staff_pdf.is_pdf(form.cleaned_data["upload"])
    ):
        return _pdf_step(request, form)
    if request.method == "POST" and form.is_valid():
        parsed = _parse_text(form)
        if parsed is not None:
            text, parsed = parsed
            return _render_review(request, _state(form, text, parsed))
    if form.is_bound:
        form.keep_upload()
    return render(request, "admin/archive/ingest_form.html", _admin_context(request, form=form))


def _pdf_step(request, form):
    """A page PDF: parsed by layout, kept in storage until staff store or drop it."""
    try:
        parsed, text, name = staff_pdf.parse_upload(
            form.cleaned_data["upload"],
            form.cleaned_data["page"],
            Person.objects.values_list("name", flat=True),
        )
    except PdfError as exc:
        form.add_error("upload", f"无法读取这个 PDF（{exc}）。")
        return render(request, "admin/archive/ingest_form.html", _admin_context(request, form=form))
    state = _state(form, text, parsed)
    state["pdf"] = name
    return _render_review(request, state)


def _parse_text(form):
    """(text, parsed page) of the uploaded or pasted text, or None with the form's error said.

    Empty or unreadable text stops here, before a review screen could offer to publish it.
    """
    try:
        text = _page_text(form)
    except DecodeError as exc:
        form.add_error("upload", f"无法识别文件编码：{exc}")
        return None
    if not text.strip():
        form.add_error(None, EMPTY_PAGE)
        return None
    parsed = parse_page(
        text,
        page_number=form.cleaned_data["page"],
        known_names=Person.objects.values_list("name", flat=True),
    )
    if not has_readable_text(parsed):
        form.add_error(None, NO_ARTICLES)
        return None
    return text, parsed


def _page_text(form):
    upload = form.cleaned_data.get("upload")
    if upload:
        return decode_bytes(upload.read(), filename=upload.name)
    return form.cleaned_data["text"].replace("\r\n", "\n")


def _state(form, text, parsed):
    name, slug = form.paper_identity()
    page = review.for_review(parsed)
    page["name"] = form.cleaned_data["page_name"]
    return {
        "paper": {"name": name, "slug": slug},
        "date": form.cleaned_data["date"].isoformat(),
        "text": text,
        "page": page,
    }


def seal_state(state):
    """The review state as the form carries it: signed, so that what comes back is what this
    server parsed and staff edited through the form's fields, never a hand-made document."""
    return signing.dumps(state, salt=STATE_SALT, compress=True)


def open_state(token):
    """Inverse of seal_state; raises signing.BadSignature for anything it did not seal."""
    return signing.loads(token, salt=STATE_SALT)


def _review_step(request):
    try:
        state = open_state(request.POST["state"])
        page = state["page"]
    except (signing.BadSignature, ValueError, KeyError, TypeError):
        messages.error(request, "审核数据已损坏或被改动，请重新上传。")
        return redirect("admin-ingest")
    page = review.apply_edits(page, _edits(request.POST, len(page.get("articles", []))))
    action = request.POST.get("action", "")
    if action.startswith("merge-"):
        index = _int(action[6:])
        headline = request.POST.get(f"item-{index}-headline", "first")
        page = review.merge_with_previous(page, index, headline)
    elif action.startswith("split-"):
        index = _int(action[6:])
        # Staff name the paragraph that starts the new item; the first part keeps those before.
        starts = _int(request.POST.get(f"item-{index}-split-at"))
        page = review.split_at(page, index, starts - 1)
    state["page"] = page
    if action == "next" and state.get("queue"):
        return _render_review(request, _next_page(state))
    if action in {"publish", "draft"}:
        if state.get("queue"):
            messages.error(
                request, f"还有 {len(state['queue'])} 版未审，请点“下一版”逐版审核后再提交。"
            )
            return _render_review(request, state)
        if _replaces_any(state) and not request.user.has_perm("archive.change_article"):
            # Adding pages is not replacing them: that is a change to stored work.
            messages.error(request, "本版已入库，替换需要“修改文章”权限；请联系管理员。")
            return _render_review(request, state)
        if _replaces_any(state) and not request.POST.get("confirm_replace"):
            # Re-uploading a stored page replaces it: staff confirm having seen the diff.
            messages.error(
                request, "本版已入库：请先查看下方与已存版本的差异，勾选“确认替换”后再提交。"
            )
            return _render_review(request, state)
        return _store(request, state, publish=action == "publish")
    return _render_review(request, state)


def _entries(state):
    """The pages of the upload reviewed so far, the current one last: {page, text, pdf}."""
    current = {"page": state["page"], "text": state["text"], "pdf": state.get("pdf")}
    return [*state.get("done", []), current]


def _next_page(state):
    """Put the reviewed page aside and bring up the next one of a whole-issue upload."""
    done = _entries(state)
    following = state["queue"][0]
    return {
        **state,
        "done": done,
        "queue": state["queue"][1:],
        "page": following["page"],
        "text": following["text"],
        "pdf": following.get("pdf"),
    }


def _replaces_any(state):
    return any(comparison({**state, "page": e["page"]}) for e in _entries(state))


def _edits(post, count):
    fields = (*review.EDITABLE, "paragraphs")
    return {
        i: {name: post[f"item-{i}-{name}"] for name in fields if f"item-{i}-{name}" in post}
        for i in range(count)
    }


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return -1


def _store(request, state, *, publish):
    entries = _entries(state)
    pages = [review.strip_review_fields(e["page"]) for e in entries]
    for entry, page in zip(entries, pages, strict=True):
        if not entry.get("pdf") and not has_readable_text(ParsedPage.from_dict(page)):
            # The state travels through the browser: an edit may have emptied every item.
            messages.error(request, f"未能入库（第{page['number']}版）：{NO_ARTICLES}")
            return _render_review(request, state)
    paper, date = state["paper"], state["date"]
    doc = build_issue_document(paper["name"], paper["slug"], date, None, pages)
    keep = not request.POST.get("drop_corrections")
    prints = {}
    for entry in entries:
        prints.update(staff_pdf.page_prints(entry))
    try:
        with transaction.atomic():
            diffs = [comparison({**state, "page": e["page"]}) for e in entries]
            result = load_issue(
                doc,
                publish=publish,
                source_texts={e["page"]["number"]: e["text"] for e in entries},
                page_prints=prints,
                user=request.user,
                index=False,  # below, after the commit, so that a failure can be said
            )
            stored = [stored_page(paper["slug"], date, p["number"]) for p in pages]
            kept = sum(
                put_back_corrections(page, diff, request.user)
                for page, diff in zip(stored, diffs, strict=True)
                if diff and keep
            )
    except LoadError as exc:
        messages.error(request, f"未能入库：{exc}")
        return _render_review(request, state)
    try:
        sync_index(result.article_ids, result.removed_ids)
    except IndexWriteError as exc:
        log.error("staff ingest: %s", exc)
        messages.error(
            request,
            "版面已入库，但检索索引没有写入（"
            f"{exc.__cause__ or exc}），读者暂时检索不到这些文章。"
            "请腾出磁盘空间后运行 manage.py check_index --repair。",
        )
    verb = "已发布" if publish else "已存为草稿"
    note = f"保留了 {kept} 篇文章的人工修改。" if kept else ""
    messages.success(
        request,
        f"{verb}：{len(pages)} 版 {result.articles} 篇文章，{result.flagged} 篇待审。{note}",
    )
    # Staff land on what they just stored, as readers will see it (drafts included).
    landing = stored[0] if len(stored) == 1 else stored[0].issue
    return redirect(landing.get_absolute_url() + "?preview=1")


def _render_review(request, state):
    lines = state["text"].split("\n")
    items = []
    for index, article in enumerate(state["page"].get("articles", [])):
        start, end = (article.get("source_lines") or [0, 0])[:2]
        source = [(n, lines[n - 1]) for n in range(max(start, 1), min(end, len(lines)) + 1)]
        items.append({"index": index, "article": article, "source": source})
    diff = comparison(state)
    if diff:
        _mark_items(items, diff)
    context = _admin_context(
        request,
        state=state,
        state_json=json.dumps(state, ensure_ascii=False),
        state_token=seal_state(state),
        items=items,
        diff=diff,
        replaces_any=diff is not None or _replaces_any(state),
        batch=_batch(state),
    )
    context["kinds"] = KINDS
    return render(request, "admin/archive/ingest_review.html", context)


def _batch(state):
    """Where a whole-issue upload stands: the page under review and how many in all."""
    done, queue = len(state.get("done", [])), len(state.get("queue", []))
    return {"position": done + 1, "total": done + queue + 1} if done or queue else None


def _mark_items(items, diff):
    """Each review item with what storing it would do: its number, new or changed fields,
    the corrections it keeps or loses."""
    changed = {c["index"]: [LABELS[f] for f in c["fields"]] for c in diff["changed"]}
    kept = {c["index"]: c["corrections"] for c in diff["kept_corrections"]}
    lost = {c["index"]: c["corrections"] for c in diff["lost_corrections"]}
    for item, number in zip(items, diff["numbers"], strict=True):
        index = item["index"]
        item["number"] = number
        item["is_new"] = index in diff["added"]
        item["changed"] = changed.get(index, [])
        item["kept"] = [(LABELS[f], _shown(v)) for f, v in kept.get(index, {}).items()]
        item["lost"] = [(LABELS[f], _shown(v)) for f, v in lost.get(index, {}).items()]
    diff["removed_lost"] = [c for c in diff["lost_corrections"] if c["index"] is None]


def _shown(value):
    return "／".join(value) if isinstance(value, list) else value


def _admin_context(request, **extra):
    from django.contrib import admin

    return {**admin.site.each_context(request), "title": "上传版面", **extra}
